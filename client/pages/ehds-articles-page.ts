import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-article-tree.ts';
import type { ArticleItem } from '../components/ehds-article-tree.ts';
import '../components/ehds-async-state.ts';
import '../i18n/articles.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { LangController, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, writeQuery } from '../url-state.ts';

const fold = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('nb-NO');

/** Does the article match every word of the search? Number, titles, chapter and section titles count. */
function matches(a: ArticleItem, words: string[]) {
  const text = fold(
    [a.number, a.title_en, a.title_nb, a.chapter_title, a.section_title, ...a.requirement_refs].join(' '),
  );
  return words.every((w) => text.includes(w));
}

/** Artikler: the regulation as chapter → section → article with what traces to each; filter `?untraced=true&q=`. */
@customElement('ehds-articles-page')
export class EhdsArticlesPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .filters { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 2rem; margin: 1rem 0; padding: 0.9rem 1rem; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .filters .field { margin: 0; }
      .check { display: flex; align-items: center; gap: 0.5rem; font-weight: 600; margin: 0; }
      .check input { width: 1.15rem; height: 1.15rem; }
      input[type='search'] { width: 20rem; }
      .summary { margin: 0.5rem 0 1rem; color: var(--ehds-text-muted); }
    `,
  ];

  /** Set by the router on every navigation to this view, also when only the query changed. */
  @property({ attribute: false }) location?: RouterLocation;

  @state() private untracedOnly = false;
  @state() private q = '';
  protected readonly i18n = new LangController(this);

  private readonly articles = new Task(this, {
    task: async (_args, { signal }) => ok(api.articles.$get({ query: { limit: '500' } }, { init: { signal } })),
    args: () => [],
  });

  connectedCallback() {
    super.connectedCallback();
    this.readUrl();
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location')) this.readUrl();
  }

  updated() {
    document.title = `${t('articles.title')} – ${t('app.title')}`;
  }

  private readUrl() {
    const query = readQuery();
    this.untracedOnly = query.untraced?.[0] === 'true';
    this.q = query.q?.join(' ') ?? '';
  }

  private writeUrl(push: boolean) {
    writeQuery({ untraced: this.untracedOnly ? 'true' : undefined, q: this.q || undefined }, { push });
  }

  private onUntraced(e: Event) {
    this.untracedOnly = (e.target as HTMLInputElement).checked;
    this.writeUrl(true);
  }

  private onSearch(e: Event) {
    this.q = (e.target as HTMLInputElement).value;
    this.writeUrl(false);
  }

  render() {
    return html`
      <h1>${t('articles.title')}</h1>
      <p>${t('articles.intro')}</p>
      <form class="filters" role="search" aria-label=${t('articles.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="q">${t('articles.search')}</label>
          <input id="q" type="search" .value=${this.q} @input=${this.onSearch} aria-describedby="q-hint" />
          <div class="hint" id="q-hint">${t('articles.searchHint')}</div>
        </div>
        <div class="field">
          <label class="check">
            <input type="checkbox" .checked=${this.untracedOnly} @change=${this.onUntraced} aria-describedby="untraced-hint" />
            ${t('articles.untracedOnly')}
          </label>
          <div class="hint" id="untraced-hint">${t('articles.untracedOnlyHint')}</div>
        </div>
      </form>
      ${renderTask(this.articles, ({ items }) => this.renderTree(items))}
    `;
  }

  private renderTree(items: ArticleItem[]) {
    const words = fold(this.q).split(/\s+/).filter(Boolean);
    const shown = items.filter((a) => (!this.untracedOnly || a.requirement_refs.length === 0) && matches(a, words));
    const untraced = shown.filter((a) => a.requirement_refs.length === 0).length;
    return html`
      <p class="summary" role="status">${t('articles.summary', { shown: shown.length, total: items.length, untraced })}</p>
      ${shown.length ? html`<ehds-article-tree .articles=${shown}></ehds-article-tree>` : html`<p>${t('articles.none')}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-articles-page': EhdsArticlesPage;
  }
}
