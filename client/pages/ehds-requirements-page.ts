import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { AREA_CODES, CATEGORIES, COVERAGE, WORK_STATUS } from '../../schema/types.ts';
import { api, ok } from '../api.ts';
import '../components/ehds-async-state.ts';
import '../components/ehds-filter-chips.ts';
import type { FilterChip } from '../components/ehds-filter-chips.ts';
import { formatDate, LangController, t } from '../i18n/index.ts';
import '../i18n/measures.ts';
import '../i18n/requirements.ts';
import { shared } from '../styles/shared.ts';
import { LocationController, toSearch, writeQuery } from '../url-state.ts';
import {
  type FilterKey,
  hasFilters,
  type ListState,
  MULTI_FILTERS,
  type MultiFilter,
  PAGE_SIZE,
  pageCount,
  parseListState,
  rowRange,
  SINGLE_FILTERS,
  type Sort,
  toApiQuery,
  toExportQuery,
  toUrlQuery,
  withFilter,
  withoutValue,
  withSort,
} from './requirements-filters.ts';

const SEARCH_DEBOUNCE_MS = 300;

async function fetchList(query: Record<string, string>, signal: AbortSignal) {
  return ok(api.requirements.$get({ query }, { init: { signal } }));
}

async function fetchOptions() {
  const [milestones, groups, articles] = await Promise.all([
    ok(api.milestones.$get()),
    ok(api['reference-groups'].$get({ query: { limit: '1000' } })),
    ok(api.articles.$get({ query: { limit: '1000' } })),
  ]);
  return {
    deadlines: milestones.legal,
    groups: groups.items,
    // Only articles some requirement cites: the others would always give an empty list.
    articles: articles.items.filter((a) => a.requirement_refs.length > 0),
  };
}

type ListBody = Awaited<ReturnType<typeof fetchList>>;
type Options = Awaited<ReturnType<typeof fetchOptions>>;

const COLUMNS: { key: string; sort?: Sort }[] = [
  { key: 'ref', sort: 'ref' },
  { key: 'title', sort: 'title' },
  { key: 'area', sort: 'area' },
  { key: 'articles' },
  { key: 'deadline', sort: 'deadline' },
  { key: 'coverage', sort: 'coverage' },
  { key: 'work_status', sort: 'work_status' },
];

/**
 * Krav: every requirement in a sortable, paged table with combined filters and full-text search.
 * The address bar carries the filters, the sort and the page, so a view can be linked and the back
 * button steps through filter changes. Only one page (100 rows) is rendered at a time.
 */
@customElement('ehds-requirements-page')
export class EhdsRequirementsPage extends LitElement {
  static styles = [
    shared,
    css`
      :host { display: block; }
      .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-end; gap: 1rem; margin-bottom: 1rem; }
      .lead { color: var(--ehds-text-muted); margin: 0; }
      form.search { display: flex; gap: 0.5rem; align-items: flex-end; flex-wrap: wrap; }
      form.search input { width: 24rem; max-width: 70vw; }
      form.search label { margin-bottom: 0.2rem; }
      .layout { display: grid; grid-template-columns: 14.5rem minmax(0, 1fr); gap: 1.5rem; align-items: start; }
      @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
      aside { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); background: var(--ehds-bg-subtle); padding: 0.75rem 0.9rem; }
      aside h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
      fieldset { border: 0; padding: 0; margin: 0 0 0.9rem; min-width: 0; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
      .check { display: flex; align-items: center; gap: 0.45rem; font-weight: 400; margin: 0.1rem 0; font-size: 0.95rem; }
      .check .badge { font-size: inherit; }
      .check input { width: 1.05rem; height: 1.05rem; margin: 0; flex: none; }
      aside .field { margin-bottom: 0.8rem; }
      aside select { width: 100%; }
      .summary { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 0.5rem; }
      .count { font-size: 1.15rem; font-weight: 700; margin: 0; }
      .summary .range { color: var(--ehds-text-muted); font-size: 0.92rem; }
      .summary .right { display: flex; align-items: center; gap: 0.75rem; }
      ehds-filter-chips { margin-bottom: 0.75rem; }
      .table-wrap { overflow-x: auto; border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); }
      table { font-size: 0.93rem; }
      table[aria-busy='true'] tbody { opacity: 0.55; }
      thead th { position: sticky; top: 0; z-index: 1; white-space: nowrap; }
      th .sort {
        all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.3rem; font-weight: 600; color: var(--ehds-text);
      }
      th .sort:hover { color: var(--ehds-primary); text-decoration: underline; }
      th .sort:focus-visible { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
      .arrow { display: inline-block; width: 0.8rem; color: var(--ehds-primary); }
      .arrow.idle { color: #8a939c; }
      tbody tr:hover { background: #f8fafc; }
      td.ref { white-space: nowrap; font-weight: 600; }
      td.ref a { font-variant-numeric: tabular-nums; }
      .group, .area-name, .note { display: block; font-size: 0.84rem; color: var(--ehds-text-muted); }
      table { table-layout: fixed; min-width: 52rem; }
      col.c-ref { width: 5rem; } col.c-area { width: 6.5rem; } col.c-articles { width: 6rem; }
      col.c-deadline { width: 8.5rem; } col.c-coverage { width: 9.5rem; } col.c-work_status { width: 10rem; }
      td { overflow-wrap: anywhere; }
      td.date { font-variant-numeric: tabular-nums; }
      td.date .note { overflow-wrap: normal; }
      .at-risk { display: inline-block; margin-top: 0.2rem; font-size: 0.8rem; font-weight: 700; border-radius: 999px; padding: 0 0.5rem; background: #fff4ec; border: 1px solid #e0a27a; color: #8a2c00; white-space: nowrap; }
      .empty { padding: 2rem 1rem; text-align: center; }
      nav.pager { display: flex; justify-content: center; align-items: center; gap: 1rem; margin-top: 1rem; }
      .updating { color: var(--ehds-text-muted); font-size: 0.9rem; }
    `,
  ];

  protected readonly i18n = new LangController(this);
  @state() private list: ListState = parseListState(location.search);
  @state() private searchDraft = this.list.single.q ?? '';
  @query('#search') private searchInput?: HTMLInputElement;
  @query('table') private tableEl?: HTMLTableElement;
  private searchTimer?: ReturnType<typeof setTimeout>;

  private readonly options = new Task(this, { task: fetchOptions, args: () => [] });

  private readonly rows = new Task(this, {
    task: ([key], { signal }) => fetchList(JSON.parse(key) as Record<string, string>, signal),
    args: () => [JSON.stringify(toApiQuery(this.list))],
  });

  /** The router reuses this element for `/krav?…` links and back/forward: read the address again. */
  private readonly onLocation = () => {
    if (location.pathname !== '/krav') return;
    this.list = parseListState(location.search);
    this.searchDraft = this.list.single.q ?? '';
  };
  protected readonly locationChanges = new LocationController(this, this.onLocation, true);

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  updated() {
    document.title = `${t('requirements.title')} – ${t('app.title')}`;
  }

  /** Every deliberate change gets its own history entry, so Back undoes it. */
  private apply(next: ListState) {
    this.list = next;
    writeQuery(toUrlQuery(next), { push: true });
  }

  private setFilter(key: FilterKey, value: string | string[] | undefined) {
    this.apply(withFilter(this.list, key, value));
  }

  private toggle(key: MultiFilter, value: string, checked: boolean) {
    const current = this.list.multi[key];
    this.setFilter(key, checked ? [...current, value] : current.filter((v) => v !== value));
  }

  private onSearchInput(e: Event) {
    this.searchDraft = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.commitSearch(), SEARCH_DEBOUNCE_MS);
  }

  private commitSearch() {
    clearTimeout(this.searchTimer);
    const q = this.searchDraft.trim();
    if (q === (this.list.single.q ?? '')) return;
    this.setFilter('q', q === '' ? undefined : q);
  }

  private onSearchSubmit(e: Event) {
    e.preventDefault();
    this.commitSearch();
  }

  private onChipRemoved(e: CustomEvent<{ key: FilterKey; value: string }>) {
    this.apply(withoutValue(this.list, e.detail.key, e.detail.value));
    if (e.detail.key === 'q') this.searchDraft = '';
    if (!hasFilters(this.list)) this.updateComplete.then(() => this.searchInput?.focus());
  }

  private clearAll() {
    this.searchDraft = '';
    this.apply({ ...parseListState(''), sort: this.list.sort, order: this.list.order });
    this.updateComplete.then(() => this.searchInput?.focus());
  }

  private goToPage(page: number) {
    this.apply({ ...this.list, page });
    this.updateComplete.then(() => this.tableEl?.scrollIntoView({ block: 'start' }));
  }

  private chips(options: Options | undefined): FilterChip[] {
    const chips: FilterChip[] = [];
    const label = (key: FilterKey, text: string) => `${t(`requirements.filter.${key}`)}: ${text}`;
    for (const key of MULTI_FILTERS) {
      for (const value of this.list.multi[key]) {
        const text = key === 'area' ? `${value} ${t(`area.${value}`)}` : t(`${key}.${value}`);
        chips.push({ key, value, label: label(key, text) });
      }
    }
    for (const key of SINGLE_FILTERS) {
      const value = this.list.single[key];
      if (value === undefined) continue;
      let text = value;
      if (key === 'q') text = `«${value}»`;
      else if (key === 'deadline' || key === 'deadline_before') text = formatDate(value);
      else if (key === 'category') text = `${value}) ${t(`category.${value}`)}`;
      else if (key === 'national_choice' || key === 'at_risk')
        text = t(value === 'true' ? 'requirements.filter.yes' : 'requirements.filter.no');
      else if (key === 'article') text = t('requirements.article', { number: value });
      else if (key === 'reference_group') text = options?.groups.find((g) => String(g.id) === value)?.name ?? value;
      chips.push({ key, value, label: label(key, text) });
    }
    return chips;
  }

  private checkGroup(key: MultiFilter, values: readonly string[], text: (v: string) => unknown, badge = false) {
    return html`<fieldset>
      <legend>${t(`requirements.filter.${key}`)}</legend>
      ${values.map(
        (v) => html`<label class="check">
          <input type="checkbox" name=${key} value=${v} .checked=${this.list.multi[key].includes(v)}
            @change=${(e: Event) => this.toggle(key, v, (e.target as HTMLInputElement).checked)} />
          <span class=${badge ? `badge ${v}` : ''}>${text(v)}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  private select(key: FilterKey, choices: { value: string; label: string }[]) {
    const current = this.list.single[key as (typeof SINGLE_FILTERS)[number]] ?? '';
    // A value from a link that is not among the choices still shows as selected.
    const all =
      current && !choices.some((c) => c.value === current) ? [...choices, { value: current, label: current }] : choices;
    return html`<div class="field">
      <label for="f-${key}">${t(`requirements.filter.${key}`)}</label>
      <select id="f-${key}" @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${current === ''}>${t('requirements.filter.any')}</option>
        ${all.map((c) => html`<option value=${c.value} ?selected=${c.value === current}>${c.label}</option>`)}
      </select>
    </div>`;
  }

  private filters(options: Options | undefined) {
    return html`<aside aria-labelledby="filters-heading">
      <h2 id="filters-heading">${t('requirements.filters')}</h2>
      ${this.checkGroup('area', AREA_CODES, (v) => `${v} ${t(`area.${v}`)}`)}
      ${this.checkGroup('coverage', COVERAGE, (v) => t(`coverage.${v}`), true)}
      ${this.checkGroup('work_status', WORK_STATUS, (v) => t(`work_status.${v}`))}
      ${this.select(
        'deadline',
        (options?.deadlines ?? []).map((d) => ({ value: d.date, label: formatDate(d.date) })),
      )}
      ${this.select(
        'article',
        (options?.articles ?? []).map((a) => ({
          value: a.number,
          label:
            a.kind === 'annex'
              ? `${a.number} – ${a.title_en}`
              : t('requirements.articleOption', { number: a.number, title: a.title_en }),
        })),
      )}
      ${this.select(
        'reference_group',
        (options?.groups ?? []).map((g) => ({ value: String(g.id), label: g.name })),
      )}
      ${this.select(
        'category',
        CATEGORIES.map((c) => ({ value: c, label: `${c}) ${t(`category.${c}`)}` })),
      )}
      ${this.select('national_choice', [
        { value: 'true', label: t('requirements.filter.yes') },
        { value: 'false', label: t('requirements.filter.no') },
      ])}
      ${this.select('at_risk', [
        { value: 'true', label: t('requirements.filter.yes') },
        { value: 'false', label: t('requirements.filter.no') },
      ])}
    </aside>`;
  }

  private header(column: { key: string; sort?: Sort }) {
    const label = t(`requirements.col.${column.key}`);
    if (!column.sort) return html`<th scope="col">${label}</th>`;
    const active = this.list.sort === column.sort;
    const ariaSort = active ? (this.list.order === 'asc' ? 'ascending' : 'descending') : 'none';
    const arrow = active ? (this.list.order === 'asc' ? '▲' : '▼') : '↕';
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button type="button" class="sort" data-sort=${column.sort} @click=${() => this.apply(withSort(this.list, column.sort!))}>
        ${label}<span class="arrow ${active ? '' : 'idle'}" aria-hidden="true">${arrow}</span>
      </button>
    </th>`;
  }

  private row(r: ListBody['items'][number]) {
    return html`<tr data-ref=${r.ref}>
      <td class="ref"><a href="/krav/${r.ref}">${r.ref}</a></td>
      <td>
        ${r.title}
        ${r.group_name ? html`<span class="group">${r.group_name}</span>` : nothing}
      </td>
      <td><span title=${t(`area.${r.area_code}`)}>${r.area_code}</span><span class="visually-hidden"> ${t(`area.${r.area_code}`)}</span></td>
      <td>${r.articles.join(', ')}</td>
      <td class="date">${formatDate(r.deadline)}${r.deadline_note ? html`<span class="note">${r.deadline_note}</span>` : nothing}${
        r.at_risk && r.at_risk_reason
          ? html`<span class="at-risk" data-at-risk=${r.at_risk_reason} title=${t(`risk.badgeTitle.${r.at_risk_reason}`)}
              >${t('risk.badge')}<span class="visually-hidden">: ${t(`risk.badgeTitle.${r.at_risk_reason}`)}</span></span>`
          : nothing
      }</td>
      <td><span class="badge ${r.coverage}">${t(`coverage.${r.coverage}`)}</span></td>
      <td>${t(`work_status.${r.work_status}`)}</td>
    </tr>`;
  }

  private table(body: ListBody | undefined, busy: boolean) {
    if (!body) return nothing;
    if (body.items.length === 0) {
      return html`<div class="card empty">
        <p>${t('requirements.empty')}</p>
        ${hasFilters(this.list) ? html`<button type="button" class="secondary" @click=${this.clearAll}>${t('requirements.emptyClear')}</button>` : nothing}
      </div>`;
    }
    return html`<div class="table-wrap">
      <table aria-busy=${busy ? 'true' : 'false'} aria-describedby="count">
        <caption class="visually-hidden">${t('requirements.table')}</caption>
        <colgroup>${COLUMNS.map((c) => html`<col class="c-${c.key}" />`)}</colgroup>
        <thead><tr>${COLUMNS.map((c) => this.header(c))}</tr></thead>
        <tbody>${body.items.map((r) => this.row(r))}</tbody>
      </table>
    </div>`;
  }

  private pager(total: number) {
    const pages = pageCount(total);
    if (pages <= 1) return nothing;
    const page = Math.min(this.list.page, pages);
    return html`<nav class="pager" aria-label=${t('requirements.pager')}>
      <button type="button" class="secondary" aria-label=${t('requirements.prevLabel')} ?disabled=${page <= 1} @click=${() => this.goToPage(page - 1)}>
        ‹ ${t('requirements.prev')}
      </button>
      <span>${t('requirements.pageOf', { page, pages })}</span>
      <button type="button" class="secondary" aria-label=${t('requirements.nextLabel')} ?disabled=${page >= pages} @click=${() => this.goToPage(page + 1)}>
        ${t('requirements.next')} ›
      </button>
    </nav>`;
  }

  render() {
    const options = this.options.value;
    const body = this.rows.value;
    const busy = this.rows.status === TaskStatus.PENDING;
    const failed = this.rows.status === TaskStatus.ERROR;
    const total = body?.total ?? 0;
    const range = rowRange(this.list.page, total, PAGE_SIZE);
    const exportHref = `/api/export/requirements.csv${toSearch(toExportQuery(this.list))}`;
    return html`
      <div class="head">
        <div>
          <h1>${t('requirements.title')}</h1>
          <p class="lead">${t('requirements.lead')}</p>
        </div>
        <form class="search" role="search" @submit=${this.onSearchSubmit}>
          <div>
            <label for="search">${t('requirements.search')}</label>
            <input id="search" type="search" .value=${this.searchDraft} @input=${this.onSearchInput}
              aria-describedby="search-hint" autocomplete="off" />
            <span id="search-hint" class="visually-hidden">${t('requirements.searchHint')}</span>
          </div>
          <button type="submit">${t('requirements.searchButton')}</button>
        </form>
      </div>
      <div class="layout">
        ${this.filters(options)}
        <div class="results">
          <div class="summary">
            <p class="count" id="count" role="status">${body ? (total === 1 ? t('requirements.countOne') : t('requirements.count', { count: total })) : ''}</p>
            <div class="right">
              ${busy && body ? html`<span class="updating" aria-hidden="true">${t('requirements.updating')}</span>` : nothing}
              ${body && total > 0 ? html`<span class="range">${t('requirements.range', { ...range, total })}</span>` : nothing}
              <a class="button secondary" href=${exportHref} download="ehds-krav.csv" router-ignore
                title=${t('requirements.exportHint', { count: total })}>${t('requirements.exportCsv')}</a>
            </div>
          </div>
          <ehds-filter-chips .chips=${this.chips(options)} @ehds-filter-removed=${this.onChipRemoved}
            @ehds-filters-cleared=${this.clearAll}></ehds-filter-chips>
          ${
            failed
              ? html`<ehds-async-state status="error" .error=${this.rows.error} @ehds-retry-requested=${() => this.rows.run()}></ehds-async-state>`
              : !body
                ? html`<ehds-async-state status="loading"></ehds-async-state>`
                : nothing
          }
          ${failed ? nothing : this.table(body, busy)}
          ${body && !failed ? this.pager(total) : nothing}
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ehds-requirements-page': EhdsRequirementsPage;
  }
}
