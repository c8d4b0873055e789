import { Task } from '@lit/task';
import type { RouterLocation } from '@vaadin/router';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-trace-matrix.ts';
import { EhdsTraceMatrix, type Trace } from '../components/ehds-trace-matrix.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/trace.ts';
import { renderTask } from '../components/ehds-async-state.ts';
import { shared } from '../styles/shared.ts';
import { readQuery, writeQuery } from '../url-state.ts';

const AREAS = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
const CHAPTERS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'] as const;
const SHOW = ['all', 'traced', 'untraced'] as const;
type Area = (typeof AREAS)[number];
type Chapter = (typeof CHAPTERS)[number];
type Show = (typeof SHOW)[number];

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value);

/** Sporbarhet: the article × requirement matrix, filtered by `?area=&chapter=&show=`, with totals and CSV export. */
@customElement('ehds-trace-page')
export class EhdsTracePage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .filters { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 1rem 1.5rem; margin: 1rem 0; padding: 0.9rem 1rem; background: var(--ehds-bg-subtle); border-radius: var(--ehds-radius); }
      .filters .field { margin: 0; }
      fieldset { border: 0; margin: 0; padding: 0; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .radios { display: flex; gap: 1rem; }
      .radios label { font-weight: 400; display: flex; align-items: center; gap: 0.35rem; margin: 0; }
      .export { margin-left: auto; text-align: right; }
      .export .hint { max-width: 16rem; }
      dl.totals { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; }
      dl.totals div { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 0.9rem; min-width: 9rem; }
      dl.totals dt { font-size: 0.9rem; color: var(--ehds-text-muted); }
      dl.totals dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
      dl.totals div.warn { border-color: #8a5a00; border-style: dashed; background: var(--ehds-warning-bg); }
      .shown { color: var(--ehds-text-muted); margin-bottom: 0.5rem; }
      details { margin-top: 1.5rem; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 0.5rem 1rem; }
      summary { cursor: pointer; font-weight: 600; font-size: 1.05rem; padding: 0.25rem 0; }
      details table { margin-top: 0.5rem; }
      details tbody th { background: none; font-weight: 400; }
    `,
  ];

  /** Set by the router on every navigation to this view, also when only the query changed. */
  @property({ attribute: false }) location?: RouterLocation;

  @state() private area?: Area;
  @state() private chapter?: Chapter;
  @state() private show: Show = 'all';
  protected readonly i18n = new LangController(this);

  private readonly trace = new Task(this, {
    task: async ([area, chapter], { signal }) => {
      const query: { area?: Area; chapter?: Chapter } = {};
      if (area) query.area = area;
      if (chapter) query.chapter = chapter;
      return ok(api.trace.$get({ query }, { init: { signal } }));
    },
    args: () => [this.area, this.chapter] as const,
  });

  connectedCallback() {
    super.connectedCallback();
    this.readUrl();
  }

  willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('location')) this.readUrl();
  }

  updated() {
    document.title = `${t('trace.title')} – ${t('app.title')}`;
  }

  private readUrl() {
    const q = readQuery();
    this.area = pick(AREAS, q.area?.[0]);
    this.chapter = pick(CHAPTERS, q.chapter?.[0]);
    this.show = pick(SHOW, q.show?.[0]) ?? 'all';
  }

  private writeUrl() {
    writeQuery(
      { area: this.area, chapter: this.chapter, show: this.show === 'all' ? undefined : this.show },
      { push: true },
    );
  }

  private filterLabel() {
    return [
      this.area ? `${this.area} ${t(`area.${this.area}`)}` : '',
      this.chapter ? t('trace.chapterOption', { chapter: this.chapter }) : '',
    ]
      .filter(Boolean)
      .join(', ');
  }

  private exportUrl() {
    const query: { area?: Area; chapter?: Chapter } = {};
    if (this.area) query.area = this.area;
    if (this.chapter) query.chapter = this.chapter;
    const url = api.export['trace.csv'].$url({ query });
    return `${url.pathname}${url.search}`;
  }

  render() {
    return html`
      <h1>${t('trace.title')}</h1>
      <p>${t('trace.intro')}</p>
      <form class="filters" aria-label=${t('trace.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="area">${t('trace.area')}</label>
          <select id="area" @change=${(e: Event) => {
            this.area = pick(AREAS, (e.target as HTMLSelectElement).value);
            this.writeUrl();
          }}>
            <option value="" ?selected=${!this.area}>${t('trace.allAreas')}</option>
            ${AREAS.map((a) => html`<option value=${a} ?selected=${this.area === a}>${a} ${t(`area.${a}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="chapter">${t('trace.chapter')}</label>
          <select id="chapter" @change=${(e: Event) => {
            this.chapter = pick(CHAPTERS, (e.target as HTMLSelectElement).value);
            this.writeUrl();
          }}>
            <option value="" ?selected=${!this.chapter}>${t('trace.allChapters')}</option>
            ${CHAPTERS.map(
              (c) =>
                html`<option value=${c} ?selected=${this.chapter === c}>${t('trace.chapterOption', { chapter: c })}</option>`,
            )}
          </select>
        </div>
        <fieldset>
          <legend>${t('trace.show')}</legend>
          <div class="radios">
            ${SHOW.map(
              (s) => html`<label>
                <input type="radio" name="show" value=${s} .checked=${this.show === s} @change=${() => {
                  this.show = s;
                  this.writeUrl();
                }} />
                ${t(`trace.show.${s}`)}
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="export">
          <a class="button secondary" href=${this.exportUrl()} download aria-describedby="export-hint">${t('trace.export')}</a>
          <div class="hint" id="export-hint">${t('trace.exportHint')}</div>
        </div>
      </form>
      ${renderTask(this.trace, (trace) => this.renderTrace(trace))}
    `;
  }

  private renderTrace(trace: Trace) {
    const { totals } = trace;
    const shown = EhdsTraceMatrix.visible(trace, this.show).length;
    return html`
      <h2 class="visually-hidden">${t('trace.totals')}</h2>
      <dl class="totals">
        <div><dt>${t('trace.total.articles')}</dt><dd>${totals.articles}</dd></div>
        <div class="warn"><dt>${t('trace.total.untraced')}</dt><dd>${totals.untraced}</dd></div>
        <div><dt>${t('trace.total.requirements')}</dt><dd>${totals.requirements}</dd></div>
        <div class="warn"><dt>${t('trace.total.notAssessed')}</dt><dd>${totals.not_assessed}</dd></div>
        <div><dt>${t('trace.total.links')}</dt><dd>${totals.links}</dd></div>
      </dl>
      <p class="shown" role="status">${t('trace.shownRows', { shown, total: totals.articles })}</p>
      <ehds-trace-matrix .trace=${trace} show=${this.show} filterLabel=${this.filterLabel()}></ehds-trace-matrix>
      <details>
        <summary>${t('trace.notAssessedHeading', { count: trace.not_assessed.length })}</summary>
        ${trace.not_assessed.length ? this.renderList(trace.not_assessed, t('trace.notAssessedHeading', { count: trace.not_assessed.length })) : html`<p>${t('trace.notAssessedNone')}</p>`}
      </details>
      ${
        trace.without_article.length
          ? html`<details>
              <summary>${t('trace.withoutArticleHeading', { count: trace.without_article.length })}</summary>
              ${this.renderList(trace.without_article, t('trace.withoutArticleHeading', { count: trace.without_article.length }))}
            </details>`
          : nothing
      }
    `;
  }

  private renderList(rows: Trace['not_assessed'], caption: string) {
    return html`
      <table>
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t('trace.col.requirement')}</th>
            <th scope="col">${t('trace.area')}</th>
            <th scope="col">${t('trace.col.citation')}</th>
            <th scope="col">${t('trace.col.workStatus')}</th>
            <th scope="col">${t('trace.col.questions')}</th>
            <th scope="col">${t('trace.col.inputs')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <th scope="row"><a href="/krav/${r.ref}">${r.ref}</a> ${r.title}${r.deadline ? html` <span class="muted">(${formatDate(r.deadline)})</span>` : nothing}</th>
              <td>${r.area_code}</td>
              <td>${r.articles.join(', ') || '–'}</td>
              <td>${t(`work_status.${r.work_status}`)}</td>
              <td>${r.questions.map((q) => q.ref).join(', ') || '–'}</td>
              <td>${r.input_count}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-trace-page': EhdsTracePage;
  }
}
