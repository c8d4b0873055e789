/** Measures (tiltak) and national solutions as the exports read them from a snapshot. */
import type { MeasureStatus } from '../../schema/types.ts';
import { compareNb } from '../lib/text.ts';
import { compareRefs } from '../queries/articles.ts';
import { measureInTime } from '../queries/risk.ts';
import { emptyLeaves, emptyNotes, LEAVES, type Leaf, rankScores, scoreMeasure } from '../queries/scoring.ts';
import type { SnapshotTables } from '../queries/snapshot.ts';
import { groupBy, rowsOf } from './rows.ts';

/** A measure (tiltak) with its score computed from the leaves (never stored) and its links. */
export interface MeasureView {
  id: number;
  title: string;
  description: string;
  status: MeasureStatus;
  owner: string | null;
  planned_start: string | null;
  planned_end: string | null;
  cost_estimate_nok: number | null;
  cost_estimate_year: number | null;
  formula_version: string;
  scoring_state: string;
  /** M + K + N (0–30) under the current formula; null when a leaf is missing or the formula is the older one. */
  score: number | null;
  rank: number | null;
  score_note: string;
  source: string;
  requirements: { ref: string; link_note: string; in_time: boolean }[];
  solutions: string[];
}

export interface SolutionView {
  id: number;
  name: string;
  kind: string;
  status: string | null;
  planned_end: string | null;
  owner: string | null;
  measures: string[];
}

/** Measures with their score and rank (computed as the measures page does), and national solutions. */
export function readMeasures(
  t: SnapshotTables,
  refOf: Map<number, string>,
  deadlineOf: Map<number, string | null>,
  orgName: Map<number, string>,
): { measures: MeasureView[]; solutions: SolutionView[] } {
  const leaves = new Map<number, { leaves: ReturnType<typeof emptyLeaves>; notes: ReturnType<typeof emptyNotes> }>();
  for (const row of rowsOf(t, 'measure_score_leaf')) {
    if (!(LEAVES as readonly string[]).includes(row.leaf)) continue;
    const entry = leaves.get(row.measure_id) ?? { leaves: emptyLeaves(), notes: emptyNotes() };
    entry.leaves[row.leaf as Leaf] = row.value === null ? null : Number(row.value);
    entry.notes[row.leaf as Leaf] = row.note;
    leaves.set(row.measure_id, entry);
  }
  const solutionName = new Map(rowsOf(t, 'national_solution').map((s) => [s.id, s.name]));
  const solutionsOf = groupBy(
    rowsOf(t, 'measure_solution'),
    (l) => l.measure_id,
    (l) => solutionName.get(l.solution_id) ?? '',
  );
  const measureRows = rowsOf(t, 'measure');
  const statusOf = new Map(measureRows.map((m) => [m.id, m]));
  const reqLinks = groupBy(
    rowsOf(t, 'measure_requirement'),
    (l) => l.measure_id,
    (l) => l,
  );
  const scored = measureRows.map((m) => {
    const stored = leaves.get(m.id) ?? { leaves: emptyLeaves(), notes: emptyNotes() };
    return { m, result: scoreMeasure({ ...stored, formula_version: m.formula_version, sheet_score: m.sheet_score }) };
  });
  const ranks = rankScores(scored.map((s) => ({ key: s.m.id, score_twelfths: s.result.score_twelfths })));
  const measures: MeasureView[] = scored
    .map(({ m, result }) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      status: m.status,
      owner: m.owner_organisation_id === null ? null : (orgName.get(m.owner_organisation_id) ?? null),
      planned_start: m.planned_start,
      planned_end: m.planned_end,
      cost_estimate_nok: m.cost_estimate_nok,
      cost_estimate_year: m.cost_estimate_year,
      formula_version: m.formula_version,
      scoring_state: result.state,
      score: result.score,
      rank: ranks.get(m.id)?.rank ?? null,
      score_note: m.score_note,
      source: m.source,
      requirements: (reqLinks.get(m.id) ?? [])
        .map((l) => ({
          ref: refOf.get(l.requirement_id) ?? '',
          link_note: l.link_note,
          in_time: measureInTime(statusOf.get(m.id) as typeof m, deadlineOf.get(l.requirement_id) ?? null),
        }))
        .sort((a, b) => compareRefs(a.ref, b.ref)),
      solutions: (solutionsOf.get(m.id) ?? []).sort(compareNb),
    }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareNb(a.title, b.title));
  const measureTitle = new Map(measureRows.map((m) => [m.id, m.title]));
  const measuresOfSolution = groupBy(
    rowsOf(t, 'measure_solution'),
    (l) => l.solution_id,
    (l) => measureTitle.get(l.measure_id) ?? '',
  );
  const solutions: SolutionView[] = rowsOf(t, 'national_solution')
    .map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      status: s.status,
      planned_end: s.planned_end,
      owner: s.owner_organisation_id === null ? null : (orgName.get(s.owner_organisation_id) ?? null),
      measures: (measuresOfSolution.get(s.id) ?? []).sort(compareNb),
    }))
    .sort((a, b) => compareNb(a.name, b.name));
  return { measures, solutions };
}
