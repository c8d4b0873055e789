/** The scoring form's draft: answers and notes as typed, and their flat form for comparing versions. */
import { LEAVES, type Leaf, type LeafNotes, type LeafValues } from '../../server/queries/scoring.ts';
import { parseLeaf } from '../pages/measure-values.ts';
import type { Measure } from '../pages/measures-data.ts';

/** What the analyst types: answers as text (so a half-typed value is never lost), notes, the scoring note. */
export interface ScoreDraft {
  values: Record<Leaf, string>;
  notes: LeafNotes;
  score_note: string;
}

export const draftOf = (m: Pick<Measure, 'leaves' | 'notes' | 'score_note'>): ScoreDraft => ({
  values: Object.fromEntries(LEAVES.map((l) => [l, m.leaves[l] === null ? '' : String(m.leaves[l])])) as Record<
    Leaf,
    string
  >,
  notes: { ...m.notes },
  score_note: m.score_note,
});

/** The answers of a draft; an invalid answer counts as missing until corrected. */
export const leavesOf = (d: ScoreDraft): LeafValues =>
  Object.fromEntries(LEAVES.map((l) => [l, parseLeaf(d.values[l]) ?? null])) as LeafValues;

/** Flat field → value map, for comparing versions and for the conflict resolver. */
export const flat = (d: ScoreDraft): Record<string, unknown> => {
  const out: Record<string, unknown> = { score_note: d.score_note.trim() };
  for (const l of LEAVES) {
    out[l] = parseLeaf(d.values[l]) ?? d.values[l].trim();
    out[`note.${l}`] = d.notes[l].trim();
  }
  return out;
};
export const fromFlat = (v: Record<string, unknown>): ScoreDraft => ({
  values: Object.fromEntries(LEAVES.map((l) => [l, v[l] === null || v[l] === undefined ? '' : String(v[l])])) as Record<
    Leaf,
    string
  >,
  notes: Object.fromEntries(LEAVES.map((l) => [l, String(v[`note.${l}`] ?? '')])) as LeafNotes,
  score_note: String(v.score_note ?? ''),
});
export const sameDraft = (a: ScoreDraft, b: ScoreDraft) => JSON.stringify(flat(a)) === JSON.stringify(flat(b));
