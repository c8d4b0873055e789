/**
 * The filters of the measures list and their two spellings: the address bar and the API query.
 * Pure functions, so they are unit-tested without a browser.
 */

import { MEASURE_STATUS, REF_PATTERN } from '../../schema/types.ts';
import { SCORING_STATES } from '../../server/queries/scoring.ts';
import type { Query } from '../url-state.ts';

export const MEASURE_FILTERS = ['status', 'requirement', 'solution', 'scoring', 'q'] as const;
export type MeasureFilter = (typeof MEASURE_FILTERS)[number];
export type MeasureFilters = Partial<Record<MeasureFilter, string>>;

const VALID: Record<MeasureFilter, (v: string) => boolean> = {
  status: (v) => (MEASURE_STATUS as readonly string[]).includes(v),
  requirement: (v) => REF_PATTERN.test(v),
  solution: (v) => /^[1-9]\d*$/.test(v),
  scoring: (v) => (SCORING_STATES as readonly string[]).includes(v),
  q: (v) => v.trim() !== '' && v.length <= 200,
};

/** Reads the filters from a search string; unknown or malformed values are dropped, not sent to the API. */
export function parseMeasureFilters(search: string): MeasureFilters {
  const params = new URLSearchParams(search);
  const out: MeasureFilters = {};
  for (const key of MEASURE_FILTERS) {
    const raw = params.get(key);
    const v = key === 'q' ? raw?.trim() : raw?.split(',')[0]?.trim();
    if (v && VALID[key](v)) out[key] = v;
  }
  return out;
}

/** The address-bar query: the filters in a fixed order. */
export const toMeasureUrlQuery = (f: MeasureFilters): Query =>
  Object.fromEntries(MEASURE_FILTERS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));

/** The query of `GET /api/measures`: the same filters, ranked best first. */
export const toMeasureApiQuery = (f: MeasureFilters): Record<string, string> => ({
  ...(toMeasureUrlQuery(f) as Record<string, string>),
  sort: 'rank',
});

export function withMeasureFilter(f: MeasureFilters, key: MeasureFilter, value: string | undefined): MeasureFilters {
  const next = { ...f };
  if (value === undefined || value.trim() === '' || !VALID[key](value.trim())) delete next[key];
  else next[key] = value.trim();
  return next;
}
