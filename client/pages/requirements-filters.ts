/**
 * The state of the requirements list (filters, sort, page) and its three spellings: the address bar,
 * the API query and the CSV export query. Pure functions, so they are unit-tested without a browser.
 */
import { AREA_CODES, CATEGORIES, COVERAGE, WORK_STATUS } from '../../schema/types.ts';
import type { Query } from '../url-state.ts';

export const PAGE_SIZE = 100;

/** Filters that take several values (`area=A1,A2`). */
export const MULTI_FILTERS = ['area', 'coverage', 'work_status'] as const;
/** Filters that take one value. */
export const SINGLE_FILTERS = [
  'q',
  'deadline',
  'deadline_before',
  'article',
  'reference_group',
  'category',
  'national_choice',
  'at_risk',
] as const;
export const SORTS = ['ref', 'title', 'area', 'deadline', 'coverage', 'work_status', 'updated_at'] as const;

export type MultiFilter = (typeof MULTI_FILTERS)[number];
export type SingleFilter = (typeof SINGLE_FILTERS)[number];
export type FilterKey = MultiFilter | SingleFilter;
export type Sort = (typeof SORTS)[number];
export type Order = 'asc' | 'desc';

export interface ListState {
  multi: Record<MultiFilter, string[]>;
  single: Partial<Record<SingleFilter, string>>;
  sort: Sort;
  order: Order;
  /** 1-based. */
  page: number;
}

const ALLOWED: Record<MultiFilter, readonly string[]> = {
  area: AREA_CODES,
  coverage: COVERAGE,
  work_status: WORK_STATUS,
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const VALID_SINGLE: Record<SingleFilter, (v: string) => boolean> = {
  q: (v) => v.trim() !== '' && v.length <= 200,
  deadline: (v) => ISO_DATE.test(v),
  deadline_before: (v) => ISO_DATE.test(v),
  article: (v) => /^(\d{1,3}|Annex [IVX]+)$/i.test(v),
  reference_group: (v) => /^[1-9]\d*$/.test(v),
  category: (v) => (CATEGORIES as readonly string[]).includes(v),
  national_choice: (v) => v === 'true' || v === 'false',
  at_risk: (v) => v === 'true' || v === 'false',
};

export const emptyState = (): ListState => ({
  multi: { area: [], coverage: [], work_status: [] },
  single: {},
  sort: 'ref',
  order: 'asc',
  page: 1,
});

/**
 * Reads the list state from a search string. Unknown or malformed values are dropped (a hand-edited
 * link then still shows a list instead of a 400), and values keep the fixed vocabulary order.
 */
export function parseListState(search: string): ListState {
  const params = new URLSearchParams(search);
  const state = emptyState();
  for (const key of MULTI_FILTERS) {
    const given = params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim());
    state.multi[key] = ALLOWED[key].filter((v) => given.includes(v));
  }
  for (const key of SINGLE_FILTERS) {
    const value = params.get(key);
    // `q` keeps its commas; the others are codes
    const v = key === 'q' ? value?.trim() : value?.split(',')[0]?.trim();
    if (v && VALID_SINGLE[key](v)) state.single[key] = v;
  }
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) state.sort = sort as Sort;
  if (params.get('order') === 'desc') state.order = 'desc';
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) state.page = page;
  return state;
}

/** Filters only, in API form; the same for the list and the CSV export. */
function filterQuery(state: ListState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of MULTI_FILTERS) if (state.multi[key].length > 0) out[key] = state.multi[key].join(',');
  for (const key of SINGLE_FILTERS) {
    const v = state.single[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** What goes into the address bar: filters, then sort/order/page when they differ from the defaults. */
export function toUrlQuery(state: ListState): Query {
  const out: Query = filterQuery(state);
  if (state.sort !== 'ref') out.sort = state.sort;
  if (state.order !== 'asc') out.order = state.order;
  if (state.page > 1) out.page = String(state.page);
  return out;
}

/** The query of `GET /api/requirements` for the current page. */
export function toApiQuery(state: ListState, pageSize = PAGE_SIZE): Record<string, string> {
  return {
    ...filterQuery(state),
    sort: state.sort,
    order: state.order,
    limit: String(pageSize),
    offset: String((state.page - 1) * pageSize),
  };
}

/** The query of `GET /api/export/requirements.csv`: the same filters, every page. */
export const toExportQuery = (state: ListState): Query => filterQuery(state);

/** Any filter set at all (sort and page do not count). */
export const hasFilters = (state: ListState) => Object.keys(filterQuery(state)).length > 0;

/** A filter change starts again at page 1. */
export function withFilter(state: ListState, key: FilterKey, value: string | string[] | undefined): ListState {
  const next: ListState = { ...state, multi: { ...state.multi }, single: { ...state.single }, page: 1 };
  if ((MULTI_FILTERS as readonly string[]).includes(key)) {
    const k = key as MultiFilter;
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    next.multi[k] = ALLOWED[k].filter((v) => values.includes(v));
  } else {
    const k = key as SingleFilter;
    const v = Array.isArray(value) ? value[0] : value;
    if (v === undefined || v.trim() === '') delete next.single[k];
    else next.single[k] = v;
  }
  return next;
}

/** Removes one value of a filter (a chip). */
export function withoutValue(state: ListState, key: FilterKey, value: string): ListState {
  if ((MULTI_FILTERS as readonly string[]).includes(key)) {
    return withFilter(
      state,
      key,
      state.multi[key as MultiFilter].filter((v) => v !== value),
    );
  }
  return withFilter(state, key, undefined);
}

/** A header click: the same column flips the order, another column sorts ascending. Back to page 1. */
export function withSort(state: ListState, sort: Sort): ListState {
  const order: Order = state.sort === sort && state.order === 'asc' ? 'desc' : 'asc';
  return { ...state, sort, order, page: 1 };
}

export const pageCount = (total: number, pageSize = PAGE_SIZE) => Math.max(1, Math.ceil(total / pageSize));

/** 1-based first and last row shown on a page; `{ from: 0, to: 0 }` when the list is empty. */
export function rowRange(page: number, total: number, pageSize = PAGE_SIZE) {
  if (total === 0) return { from: 0, to: 0 };
  const from = Math.min((page - 1) * pageSize + 1, total);
  return { from, to: Math.min(page * pageSize, total) };
}
