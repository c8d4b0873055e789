/**
 * Pure functions of the measures views, unit-tested without a browser: answers and dates as typed, and
 * the grouping of the coverage view.
 */
import { MAX_LEAF, MIN_LEAF } from '../../server/queries/scoring.ts';

/** An answer as typed → a number 0–10, null (empty), or undefined (not a valid answer). */
export function parseLeaf(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (!/^\d{1,2}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= MIN_LEAF && n <= MAX_LEAF ? n : undefined;
}

/**
 * A date as typed, dd.mm.yyyy (or yyyy-mm-dd) → `YYYY-MM-DD`; null when empty; undefined when it is no
 * calendar date. Typed as text, not `<input type=date>`, so it reads dd.mm.yyyy whatever the browser's locale.
 */
export function parseDate(text: string): string | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  const nb = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = nb ? [nb[3], nb[2], nb[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return undefined;
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}

/** What the coverage view needs of a requirement (a row of `GET /api/requirements`). */
export interface CoverageRequirement {
  ref: string;
  title: string;
  area_code: string;
  deadline: string | null;
  coverage: string;
  at_risk: boolean;
  at_risk_reason: 'no_measure' | 'late_measures' | null;
}

/** Coverage that needs no measure (as the server's risk rule). */
const SETTLED = ['covered', 'not_applicable'];

export interface LinkedMeasure {
  id: number;
  title: string;
  status: string;
  planned_end: string | null;
  in_time: boolean;
}

export interface CoverageRow {
  requirement: CoverageRequirement;
  measures: LinkedMeasure[];
}

/** Requirements not covered, each with its measures (by planned end), grouped by deadline (none last). */
export function coverageGroups(
  requirements: CoverageRequirement[],
  measures: {
    id: number;
    title: string;
    status: string;
    planned_end: string | null;
    requirements: { ref: string; in_time: boolean }[];
  }[],
  filter: { area?: string; atRiskOnly: boolean },
) {
  const byRef = new Map<string, LinkedMeasure[]>();
  for (const m of measures) {
    for (const r of m.requirements) {
      const linked = { id: m.id, title: m.title, status: m.status, planned_end: m.planned_end, in_time: r.in_time };
      byRef.set(r.ref, [...(byRef.get(r.ref) ?? []), linked]);
    }
  }
  const open = requirements.filter(
    (r) => !SETTLED.includes(r.coverage) && (!filter.area || r.area_code === filter.area),
  );
  const shown = open.filter((r) => !filter.atRiskOnly || r.at_risk);
  const groups = new Map<string, CoverageRow[]>();
  for (const r of shown) {
    const linked = (byRef.get(r.ref) ?? []).sort(
      (a, b) =>
        (a.planned_end ?? '9999').localeCompare(b.planned_end ?? '9999') || a.title.localeCompare(b.title, 'nb'),
    );
    const key = r.deadline ?? '';
    groups.set(key, [...(groups.get(key) ?? []), { requirement: r, measures: linked }]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a || '9999').localeCompare(b || '9999'));
  return {
    groups: ordered.map(([deadline, rows]) => ({ deadline: deadline || null, rows })),
    figures: {
      open: open.length,
      no_measure: open.filter((r) => r.at_risk_reason === 'no_measure').length,
      late_measures: open.filter((r) => r.at_risk_reason === 'late_measures').length,
      in_time: open.filter((r) => !r.at_risk).length,
    },
  };
}
