import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { MEASURE_STATUS } from '../../schema/types.ts';
import { SCORING_STATES } from '../../server/queries/scoring.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-filter-chips.ts';
import type { FilterChip } from '../components/ehds-filter-chips.ts';
import '../components/ehds-measure-ranking.ts';
import '../components/ehds-measure-unranked.ts';
import { LangController } from '../i18n/index.ts';
import { t } from '../i18n/measures.ts';
import { canWriteAnalysis, type Session, sessionContext } from '../session.ts';
import { shared } from '../styles/shared.ts';
import { LocationController, writeQuery } from '../url-state.ts';
import { fetchMeasures, fetchRequirements, fetchSolutions, type Measure } from './measures-data.ts';
import {
  MEASURE_FILTERS,
  type MeasureFilter,
  type MeasureFilters,
  parseMeasureFilters,
  toMeasureApiQuery,
  toMeasureUrlQuery,
  withMeasureFilter,
} from './measures-filters.ts';
import { measuresSubnav, subnavStyles } from './measures-subnav.ts';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Tiltak: the measures ranked by the sector's score (competition ranking, ties shown as ties) with
 * M, K, N and the eleven answers behind them one click away; below, the unscored measures with what is
 * missing and what they would score without it, and the two the sheet scored with an older formula.
 * Filters (status, requirement, national solution, scoring, search) live in the address bar.
 */
@customElement('ehds-measures-page')
export class EhdsMeasuresPage extends LitElement {
  static styles = [
    shared,
    subnavStyles,
    css`
      :host { display: block; }
      .lead { color: var(--ehds-text-muted); max-width: 62rem; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; padding: 0.8rem 1rem; background: var(--ehds-bg-subtle); border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); margin: 1rem 0 0.75rem; }
      form.filters .field { margin: 0; }
      form.filters select { max-width: 16rem; }
      form.filters input[type='search'] { width: 16rem; }
      ehds-filter-chips { margin-bottom: 0.5rem; }
      .count { font-weight: 700; margin: 0.5rem 0; }
      section { margin-top: 1.5rem; }
      .hint { max-width: 62rem; }
      .empty { padding: 1.5rem 1rem; text-align: center; }
    `,
  ];

  /** Who is signed in: only analysts and administrators are offered changes. */
  @consume({ context: sessionContext, subscribe: true }) @state() private session?: Session;
  protected readonly i18n = new LangController(this);
  @state() private filters: MeasureFilters = parseMeasureFilters(location.search);
  @state() private searchDraft = this.filters.q ?? '';
  private searchTimer?: ReturnType<typeof setTimeout>;

  private readonly options = new Task(this, {
    task: async (_args, { signal }) => {
      const [requirements, solutions] = await Promise.all([fetchRequirements(signal), fetchSolutions(signal)]);
      return { requirements: requirements.items, solutions: solutions.items };
    },
    args: () => [],
  });

  private readonly measures = new Task(this, {
    task: ([key], { signal }) => fetchMeasures(JSON.parse(key) as Record<string, string>, signal),
    args: () => [JSON.stringify(toMeasureApiQuery(this.filters))],
  });

  /** The router reuses this element for `/tiltak?…` links and back/forward: read the address again. */
  private readonly onLocation = () => {
    if (location.pathname !== '/tiltak') return;
    this.filters = parseMeasureFilters(location.search);
    this.searchDraft = this.filters.q ?? '';
  };
  protected readonly locationChanges = new LocationController(this, this.onLocation, true);

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  updated() {
    document.title = `${t('measures.title')} – ${t('app.title')}`;
  }

  private setFilter(key: MeasureFilter, value: string | undefined) {
    this.filters = withMeasureFilter(this.filters, key, value);
    writeQuery(toMeasureUrlQuery(this.filters), { push: true });
  }

  private onSearchInput(e: Event) {
    this.searchDraft = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.commitSearch(), SEARCH_DEBOUNCE_MS);
  }

  private commitSearch() {
    clearTimeout(this.searchTimer);
    const q = this.searchDraft.trim();
    if (q !== (this.filters.q ?? '')) this.setFilter('q', q || undefined);
  }

  private chipText(key: MeasureFilter, value: string): string {
    const options = this.options.value;
    if (key === 'status') return t(`measure_status.${value}`);
    if (key === 'scoring') return t(`measures.scoring.${value}`);
    if (key === 'solution') return options?.solutions.find((s) => String(s.id) === value)?.name ?? value;
    if (key === 'q') return `«${value}»`;
    return value;
  }

  private chips(): FilterChip[] {
    return MEASURE_FILTERS.filter((k) => this.filters[k] !== undefined).map((key) => ({
      key,
      value: this.filters[key]!,
      label: `${t(`measures.filter.${key}`)}: ${this.chipText(key, this.filters[key]!)}`,
    }));
  }

  private select(key: MeasureFilter, choices: { value: string; label: string }[]) {
    const current = this.filters[key] ?? '';
    const all =
      current && !choices.some((c) => c.value === current) ? [...choices, { value: current, label: current }] : choices;
    return html`<div class="field">
      <label for="f-${key}">${t(`measures.filter.${key}`)}</label>
      <select id="f-${key}" @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${current === ''}>${t('measures.filter.any')}</option>
        ${all.map((c) => html`<option value=${c.value} ?selected=${c.value === current}>${c.label}</option>`)}
      </select>
    </div>`;
  }

  private filterForm() {
    const options = this.options.value;
    return html`<form class="filters" role="search" aria-label=${t('measures.filters')}
      @submit=${(e: Event) => {
        e.preventDefault();
        this.commitSearch();
      }}>
      ${this.select(
        'status',
        MEASURE_STATUS.map((s) => ({ value: s, label: t(`measure_status.${s}`) })),
      )}
      ${this.select(
        'requirement',
        (options?.requirements ?? []).map((r) => ({ value: r.ref, label: `${r.ref} ${r.title}` })),
      )}
      ${this.select(
        'solution',
        (options?.solutions ?? []).map((s) => ({ value: String(s.id), label: s.name })),
      )}
      ${this.select(
        'scoring',
        SCORING_STATES.map((s) => ({ value: s, label: t(`measures.scoring.${s}`) })),
      )}
      <div class="field">
        <label for="f-q">${t('measures.search')}</label>
        <input id="f-q" type="search" autocomplete="off" .value=${this.searchDraft} @input=${this.onSearchInput} />
      </div>
    </form>`;
  }

  private ranked(items: Measure[]) {
    const ranked = items.filter((m) => m.scoring_state === 'scored');
    if (ranked.length === 0) return nothing;
    return html`<section aria-labelledby="ranked-heading">
      <h2 id="ranked-heading">${t('measures.ranked')} <span class="muted">(${ranked.length})</span></h2>
      <p class="hint">${t('measures.rankedHint')}</p>
      <ehds-measure-ranking .measures=${ranked}></ehds-measure-ranking>
    </section>`;
  }

  private content(items: Measure[], total: number) {
    const unscored = items.filter((m) => m.scoring_state === 'unscored');
    const legacy = items.filter((m) => m.scoring_state === 'legacy_formula');
    return html`
      <p class="count" role="status">${t('measures.count', { count: total })}</p>
      ${items.length === 0 ? html`<div class="card empty"><p>${t('measures.empty')}</p></div>` : nothing}
      ${this.ranked(items)}
      ${
        unscored.length
          ? html`<section aria-labelledby="unscored-heading">
              <h2 id="unscored-heading">${t('measures.unscored')} <span class="muted">(${unscored.length})</span></h2>
              <p class="hint">${t('measures.unscoredHint')}</p>
              <ehds-measure-unranked id="unscored" .measures=${unscored}></ehds-measure-unranked>
            </section>`
          : nothing
      }
      ${
        legacy.length
          ? html`<section aria-labelledby="legacy-heading">
              <h2 id="legacy-heading">${t('measures.legacy')} <span class="muted">(${legacy.length})</span></h2>
              <p class="hint">${t('measures.legacyHint')}</p>
              <ehds-measure-unranked id="legacy" .measures=${legacy}></ehds-measure-unranked>
            </section>`
          : nothing
      }
    `;
  }

  render() {
    const busy = this.measures.status === TaskStatus.PENDING;
    const body = this.measures.value;
    return html`
      <h1>${t('measures.title')}</h1>
      <p class="lead">${t('measures.lead')}</p>
      ${measuresSubnav('/tiltak', canWriteAnalysis(this.session?.user ?? null))}
      ${this.filterForm()}
      <ehds-filter-chips .chips=${this.chips()}
        @ehds-filter-removed=${(e: CustomEvent<{ key: MeasureFilter }>) => {
          if (e.detail.key === 'q') this.searchDraft = '';
          this.setFilter(e.detail.key, undefined);
        }}
        @ehds-filters-cleared=${() => {
          this.searchDraft = '';
          this.filters = {};
          writeQuery({}, { push: true });
        }}></ehds-filter-chips>
      ${
        this.measures.status === TaskStatus.ERROR
          ? html`<ehds-async-state status="error" .error=${this.measures.error} @ehds-retry-requested=${() => this.measures.run()}></ehds-async-state>`
          : body
            ? html`<div aria-busy=${busy ? 'true' : 'false'}>${this.content(body.items, body.total)}</div>`
            : html`<ehds-async-state status="loading"></ehds-async-state>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-measures-page': EhdsMeasuresPage;
  }
}
