import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { api, SuccessBody } from '../api.ts';
import '../i18n/articles.ts';
import { formatDate, LangController, lang, t } from '../i18n/index.ts';
import { shared } from '../styles/shared.ts';

export type ArticleItem = SuccessBody<Awaited<ReturnType<typeof api.articles.$get>>>['items'][number];

interface Group {
  key: string;
  heading: string;
  title: string | null;
  articles: ArticleItem[];
  sections: Group[];
}

/** Chapters (with their sections) in the order the articles come, then one group of annexes. */
function groupArticles(articles: ArticleItem[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const a of articles) {
    const chapterKey = a.kind === 'annex' ? 'annexes' : `ch-${a.chapter ?? '?'}`;
    let chapter = byKey.get(chapterKey);
    if (!chapter) {
      chapter = {
        key: chapterKey,
        heading: a.kind === 'annex' ? 'annexes' : (a.chapter ?? ''),
        title: a.kind === 'annex' ? null : a.chapter_title,
        articles: [],
        sections: [],
      };
      byKey.set(chapterKey, chapter);
      groups.push(chapter);
    }
    if (a.kind === 'article' && a.section) {
      const sectionKey = `${chapterKey}-s${a.section}`;
      let section = byKey.get(sectionKey);
      if (!section) {
        section = { key: sectionKey, heading: a.section, title: a.section_title, articles: [], sections: [] };
        byKey.set(sectionKey, section);
        chapter.sections.push(section);
      }
      section.articles.push(a);
    } else chapter.articles.push(a);
  }
  return groups;
}

const allArticles = (g: Group): ArticleItem[] => [...g.articles, ...g.sections.flatMap((s) => s.articles)];

/** `Annex II` → `II`. */
const annexNumeral = (number: string) => number.replace(/^Annex\s+/, '');

/**
 * The regulation as chapter → section → article. Chapters and sections are disclosure buttons
 * (Enter/Space toggle, state in `aria-expanded`); every article shows its application date and the
 * requirements that trace to it, or «Ikke sporet» in text when none does.
 *
 * @csspart toolbar - the expand/collapse buttons.
 */
@customElement('ehds-article-tree')
export class EhdsArticleTree extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      [hidden] { display: none !important; }
      .toolbar { display: flex; gap: 0.5rem; margin-bottom: 0.75rem; }
      section.chapter { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); margin-bottom: 0.75rem; background: var(--ehds-bg); }
      h2, h3 { margin: 0; font-size: inherit; }
      .toggle {
        all: unset; box-sizing: border-box; display: flex; align-items: baseline; gap: 0.6rem; width: 100%;
        padding: 0.65rem 0.9rem; cursor: pointer; color: var(--ehds-text);
      }
      .toggle:hover { background: var(--ehds-bg-subtle); }
      .toggle:focus-visible { outline: 3px solid var(--ehds-focus); outline-offset: -3px; }
      .chevron { display: inline-block; width: 0.9rem; flex: none; transition: transform 0.15s; }
      .chevron::before { content: '▸'; }
      [aria-expanded='true'] .chevron { transform: rotate(90deg); }
      @media (prefers-reduced-motion: reduce) { .chevron { transition: none; } }
      h2 .toggle { font-size: 1.1rem; font-weight: 700; }
      h3 .toggle { font-size: 1rem; font-weight: 600; padding-left: 1.6rem; }
      .count { margin-left: auto; font-size: 0.9rem; font-weight: 400; color: var(--ehds-text-muted); white-space: nowrap; }
      .body { padding: 0 0.9rem 0.75rem; }
      .section { border-top: 1px solid var(--ehds-border); }
      table { table-layout: fixed; margin: 0.25rem 0 0.5rem; }
      col.num { width: 7rem; }
      col.date { width: 12.5rem; }
      td.date { white-space: nowrap; }
      col.reqs { width: 30%; }
      td, th { padding: 0.45rem 0.6rem; }
      tbody th { background: none; font-weight: 600; }
      .refs { display: flex; flex-wrap: wrap; gap: 0.25rem 0.6rem; list-style: none; margin: 0; padding: 0; }
      .untraced {
        display: inline-block; font-size: 0.85rem; font-weight: 600; padding: 0.05rem 0.5rem; border-radius: 999px;
        border: 1px dashed #8a5a00; background: var(--ehds-warning-bg); color: #6b4500;
      }
      .untraced::before { content: '○ '; }
      tr.is-untraced td, tr.is-untraced th { background: #fffcf3; }
    `,
  ];

  /** The articles and annexes to show, already filtered, in regulation order. */
  @property({ attribute: false }) articles: ArticleItem[] = [];

  @state() private collapsed = new Set<string>();
  protected readonly i18n = new LangController(this);

  private toggle(key: string) {
    const next = new Set(this.collapsed);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.collapsed = next;
  }

  private setAll(open: boolean) {
    const groups = groupArticles(this.articles);
    this.collapsed = open ? new Set() : new Set(groups.flatMap((g) => [g.key, ...g.sections.map((s) => s.key)]));
  }

  render() {
    const groups = groupArticles(this.articles);
    return html`
      <div class="toolbar" part="toolbar">
        <button type="button" class="secondary" @click=${() => this.setAll(true)}>${t('articles.expandAll')}</button>
        <button type="button" class="secondary" @click=${() => this.setAll(false)}>${t('articles.collapseAll')}</button>
      </div>
      ${groups.map((g) => this.renderChapter(g))}
    `;
  }

  private renderChapter(g: Group) {
    const open = !this.collapsed.has(g.key);
    const articles = allArticles(g);
    const untraced = articles.filter((a) => a.requirement_refs.length === 0).length;
    const heading = g.heading === 'annexes' ? t('articles.annexes') : t('articles.chapter', { chapter: g.heading });
    return html`
      <section class="chapter" aria-labelledby="h-${g.key}">
        <h2 id="h-${g.key}">
          <button type="button" class="toggle" aria-expanded=${open} aria-controls="b-${g.key}" @click=${() => this.toggle(g.key)}>
            <span class="chevron" aria-hidden="true"></span>
            <span>${heading}${g.title ? html` · <span lang="en">${g.title}</span>` : nothing}</span>
            <span class="count">${t('articles.chapterCount', { count: articles.length, untraced })}</span>
          </button>
        </h2>
        <div class="body" id="b-${g.key}" ?hidden=${!open}>
          ${g.articles.length ? this.renderTable(g.articles, heading) : nothing}
          ${g.sections.map((s) => this.renderSection(s))}
        </div>
      </section>
    `;
  }

  private renderSection(s: Group) {
    const open = !this.collapsed.has(s.key);
    const untraced = s.articles.filter((a) => a.requirement_refs.length === 0).length;
    const heading = t('articles.section', { section: s.heading });
    return html`
      <div class="section">
        <h3>
          <button type="button" class="toggle" aria-expanded=${open} aria-controls="b-${s.key}" @click=${() => this.toggle(s.key)}>
            <span class="chevron" aria-hidden="true"></span>
            <span>${heading}${s.title ? html` · <span lang="en">${s.title}</span>` : nothing}</span>
            <span class="count">${t('articles.chapterCount', { count: s.articles.length, untraced })}</span>
          </button>
        </h3>
        <div id="b-${s.key}" ?hidden=${!open}>${this.renderTable(s.articles, `${heading} ${s.title ?? ''}`)}</div>
      </div>
    `;
  }

  private renderTable(articles: ArticleItem[], caption: string) {
    return html`
      <table>
        <caption class="visually-hidden">${caption}</caption>
        <colgroup><col class="num" /><col /><col class="date" /><col class="reqs" /></colgroup>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">${t('article.col.paragraph')}</th>
            <th scope="col">${t('article.col.title')}</th>
            <th scope="col">${t('article.applies')}</th>
            <th scope="col">${t('articles.requirements')}</th>
          </tr>
        </thead>
        <tbody>${articles.map((a) => this.renderArticle(a))}</tbody>
      </table>
    `;
  }

  private renderArticle(a: ArticleItem) {
    const label =
      a.kind === 'annex'
        ? t('articles.annex', { number: annexNumeral(a.number) })
        : t('articles.article', { number: a.number });
    const nbTitle = lang() === 'nb' && a.title_nb;
    const untraced = a.requirement_refs.length === 0;
    return html`
      <tr class=${untraced ? 'is-untraced' : ''}>
        <th scope="row"><a href="/artikler/${encodeURIComponent(a.number)}">${label}</a></th>
        <td lang=${nbTitle ? 'nb' : 'en'}>${nbTitle || a.title_en}</td>
        <td class="date">${a.applies_from ? t('articles.appliesFrom', { date: formatDate(a.applies_from) }) : html`<span class="muted">${t('articles.appliesUnknown')}</span>`}</td>
        <td>
          ${
            untraced
              ? html`<span class="untraced" title=${t('articles.untracedLong')}>${t('articles.untraced')}</span>`
              : html`<ul class="refs">${a.requirement_refs.map((ref) => html`<li><a href="/krav/${ref}">${ref}</a></li>`)}</ul>`
          }
        </td>
      </tr>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-article-tree': EhdsArticleTree;
  }
}
