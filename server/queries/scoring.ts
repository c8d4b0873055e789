/**
 * The sector's scoring model for measures, as the spreadsheet of Nasjonalt e-helsestyre 8 June 2022 computes
 * it. Pure functions: the leaves go in, aggregates, score, rank and what is missing come out. Nothing here
 * is stored; the database keeps only the leaves (and the formula version they were entered under).
 *
 *   M (Måloppnåelse) = avg(needs_met, sector_priorities)
 *   K (Kostnader)    = avg(technical, organisational, legal, semantic), entered inverted: 10 = lite kompleks
 *   N (Nytte)        = avg(Pasient, Helsepersonell, infrastructure),
 *                      Pasient = avg(patient_safety, patient_everyday), Helsepersonell = avg(staff_workday, staff_decisions)
 *   Score            = M + K + N (0–30), ranked descending
 */

export const LEAVES = [
  'needs_met',
  'sector_priorities',
  'technical',
  'organisational',
  'legal',
  'semantic',
  'patient_safety',
  'patient_everyday',
  'staff_workday',
  'staff_decisions',
  'infrastructure',
] as const;
export type Leaf = (typeof LEAVES)[number];

export const LEAF_GROUPS = ['goal', 'cost', 'patient', 'staff', 'infrastructure'] as const;
export type LeafGroup = (typeof LEAF_GROUPS)[number];

/** The formula the sheet's ranking («Samlet») uses. */
export const CURRENT_FORMULA = '2022';
/** The older formula two of the sheet's columns still used (see LEGACY_FORMULA_NOTE). */
export const LEGACY_FORMULA = '2022-old';
export const FORMULA_VERSIONS = [CURRENT_FORMULA, LEGACY_FORMULA] as const;
export type FormulaVersion = (typeof FORMULA_VERSIONS)[number];

export const LEGACY_FORMULA_NOTE =
  'Eldre formel i arket: Pasient og Helsepersonell er summen (ikke snittet) av sine to spørsmål, Nytte er snittet av ' +
  'Pasient og Helsepersonell uten infrastruktur, og «Realisere sentral infrastruktur» legges til totalen: ' +
  'Score = M + K + avg(sum(pasient), sum(helsepersonell)) + infrastruktur. Ikke sammenlignbar med gjeldende formel; ' +
  'skåres tiltaket på nytt, brukes gjeldende formel.';

export const SCALE_NOTE = '10 lite kompleks – 0 ekstremt komplekst';

/** The eleven questions, worded as in the sheet. */
export const LEAF_MODEL: Record<Leaf, { group: LeafGroup; label_nb: string; label_en: string }> = {
  needs_met: {
    group: 'goal',
    label_nb: 'I hvor stor grad realiseres informasjonsbehov/tjenester?',
    label_en: 'To what extent are information needs/services realised?',
  },
  sector_priorities: {
    group: 'goal',
    label_nb: 'Samsvarer tiltaket med sektorens prioriteringer?',
    label_en: "Does the measure match the sector's priorities?",
  },
  technical: {
    group: 'cost',
    label_nb: 'I hvor stor grad er tiltaket teknisk komplekst?',
    label_en: 'How technically complex is the measure? (10 = not complex)',
  },
  organisational: {
    group: 'cost',
    label_nb: 'I hvor stor grad er tiltaket organisatorisk komplekst?',
    label_en: 'How organisationally complex is the measure? (10 = not complex)',
  },
  legal: { group: 'cost', label_nb: 'Juridisk utvikling?', label_en: 'Legal development? (10 = not complex)' },
  semantic: { group: 'cost', label_nb: 'Semantisk utvikling?', label_en: 'Semantic development? (10 = not complex)' },
  patient_safety: {
    group: 'patient',
    label_nb: 'I hvor stor grad bidrar tiltaket til økt pasientsikkerhet?',
    label_en: 'How much does the measure add to patient safety?',
  },
  patient_everyday: {
    group: 'patient',
    label_nb: 'I hvor stor grad bidrar tiltaket til en enklere hverdag for innbyggere/pasienter?',
    label_en: 'How much does it make everyday life easier for citizens/patients?',
  },
  staff_workday: {
    group: 'staff',
    label_nb: 'I hvor stor grad bidrar tiltaket til enklere arbeidshverdag?',
    label_en: 'How much does it make the working day easier?',
  },
  staff_decisions: {
    group: 'staff',
    label_nb: 'Tryggere på at beslutninger er riktige?',
    label_en: 'More confident that decisions are right?',
  },
  infrastructure: {
    group: 'infrastructure',
    label_nb: 'Realisere sentral infrastruktur',
    label_en: 'Realises central infrastructure',
  },
};

export const MIN_LEAF = 0;
export const MAX_LEAF = 10;

export type LeafValues = Record<Leaf, number | null>;
export type LeafNotes = Record<Leaf, string>;

export interface Aggregates {
  /** M, Måloppnåelse. */
  goal: number | null;
  /** K, Kostnader (inverted complexity). */
  cost: number | null;
  /** Pasient. */
  patient: number | null;
  /** Helsepersonell. */
  staff: number | null;
  /** N, Nytte. */
  benefit: number | null;
}

export type ScoringState = 'scored' | 'unscored' | 'legacy_formula';
export const SCORING_STATES = ['scored', 'unscored', 'legacy_formula'] as const;

export interface MissingLeaf {
  leaf: Leaf;
  label_nb: string;
  /** What the cell held instead of a number, or the note beside it. */
  note: string;
}

export interface LegacyScore {
  formula_version: string;
  explanation: string;
  /** The figure the sheet showed. */
  sheet_score: number | null;
  /** The older formula applied to the leaves; reproduces the sheet's figure. Null when a leaf is missing. */
  aggregates: Aggregates & { infrastructure: number | null };
  score: number | null;
  /** What the current formula would give, for comparison only: never ranked. */
  score_if_current_formula: number | null;
}

export interface ScoreResult {
  formula_version: string;
  state: ScoringState;
  /** Under the current formula; all null for a legacy score. An aggregate with a missing leaf is null. */
  aggregates: Aggregates;
  score: number | null;
  /** 12 × score: an integer for whole-number leaves, so ties are exact. Null unless scored. */
  score_twelfths: number | null;
  missing_leaves: MissingLeaf[];
  /** Averages over the leaves that are there (a missing leaf left out of its average); null when scored. */
  aggregates_without_missing: Aggregates | null;
  /** Null when scored, or when a whole part (M, K or N) has no leaf at all. */
  score_without_missing: number | null;
  legacy: LegacyScore | null;
}

export const emptyLeaves = (): LeafValues => Object.fromEntries(LEAVES.map((l) => [l, null])) as LeafValues;
export const emptyNotes = (): LeafNotes => Object.fromEntries(LEAVES.map((l) => [l, ''])) as LeafNotes;

/** Mean of the numbers given; null when there are none. */
function meanOfPresent(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** Mean of all values; null as soon as one is missing (no silent average). */
function strictMean(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : meanOfPresent(values);
}

function aggregatesWith(v: LeafValues, mean: (values: (number | null)[]) => number | null): Aggregates {
  const patient = mean([v.patient_safety, v.patient_everyday]);
  const staff = mean([v.staff_workday, v.staff_decisions]);
  return {
    goal: mean([v.needs_met, v.sector_priorities]),
    cost: mean([v.technical, v.organisational, v.legal, v.semantic]),
    patient,
    staff,
    benefit: mean([patient, staff, v.infrastructure]),
  };
}

/** M, K, Pasient, Helsepersonell and N under the current formula; an aggregate with a missing leaf is null. */
export function currentAggregates(leaves: LeafValues): Aggregates {
  return aggregatesWith(leaves, strictMean);
}

/**
 * 12 × (M + K + N) with integer arithmetic, so that equal scores compare equal:
 * M = (a+b)/2, K = (t+o+l+s)/4, N = (p1+p2+h1+h2+2i)/6 → 12·Score = 6(a+b) + 3(t+o+l+s) + 2(p1+p2+h1+h2) + 4i.
 */
export function scoreTwelfths(v: Record<Leaf, number>): number {
  return (
    6 * (v.needs_met + v.sector_priorities) +
    3 * (v.technical + v.organisational + v.legal + v.semantic) +
    2 * (v.patient_safety + v.patient_everyday + v.staff_workday + v.staff_decisions) +
    4 * v.infrastructure
  );
}

const complete = (leaves: LeafValues): leaves is Record<Leaf, number> => LEAVES.every((l) => leaves[l] !== null);

/** The older formula two sheet columns used: Pasient/Helsepersonell summed, infrastructure added to the total. */
export function legacyAggregates(v: LeafValues): LegacyScore['aggregates'] & { score: number | null } {
  const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const patient = sum(v.patient_safety, v.patient_everyday);
  const staff = sum(v.staff_workday, v.staff_decisions);
  const goal = strictMean([v.needs_met, v.sector_priorities]);
  const cost = strictMean([v.technical, v.organisational, v.legal, v.semantic]);
  const benefit = strictMean([patient, staff]);
  const parts = [goal, cost, benefit, v.infrastructure];
  const score = parts.some((p) => p === null) ? null : (parts as number[]).reduce((a, b) => a + b, 0);
  return { goal, cost, patient, staff, benefit, infrastructure: v.infrastructure, score };
}

const NO_AGGREGATES: Aggregates = { goal: null, cost: null, patient: null, staff: null, benefit: null };

export interface ScoreInput {
  leaves: LeafValues;
  notes?: Partial<LeafNotes>;
  formula_version: string;
  sheet_score?: number | null;
}

/** Everything about one measure's score except its rank (ranks need all measures: rankScores). */
export function scoreMeasure(input: ScoreInput): ScoreResult {
  const { leaves } = input;
  const missing_leaves: MissingLeaf[] = LEAVES.filter((l) => leaves[l] === null).map((leaf) => ({
    leaf,
    label_nb: LEAF_MODEL[leaf].label_nb,
    note: input.notes?.[leaf] ?? '',
  }));

  if (input.formula_version !== CURRENT_FORMULA) {
    const { score, ...aggregates } = legacyAggregates(leaves);
    return {
      formula_version: input.formula_version,
      state: 'legacy_formula',
      aggregates: NO_AGGREGATES,
      score: null,
      score_twelfths: null,
      missing_leaves,
      aggregates_without_missing: null,
      score_without_missing: null,
      legacy: {
        formula_version: input.formula_version,
        explanation: input.formula_version === LEGACY_FORMULA ? LEGACY_FORMULA_NOTE : 'Ukjent formelversjon',
        sheet_score: input.sheet_score ?? null,
        aggregates,
        score,
        score_if_current_formula: complete(leaves) ? scoreTwelfths(leaves) / 12 : null,
      },
    };
  }

  if (complete(leaves)) {
    const twelfths = scoreTwelfths(leaves);
    return {
      formula_version: input.formula_version,
      state: 'scored',
      aggregates: currentAggregates(leaves),
      score: twelfths / 12,
      score_twelfths: twelfths,
      missing_leaves: [],
      aggregates_without_missing: null,
      score_without_missing: null,
      legacy: null,
    };
  }

  const partial = aggregatesWith(leaves, meanOfPresent);
  const parts = [partial.goal, partial.cost, partial.benefit];
  return {
    formula_version: input.formula_version,
    state: 'unscored',
    aggregates: currentAggregates(leaves),
    score: null,
    score_twelfths: null,
    missing_leaves,
    aggregates_without_missing: partial,
    score_without_missing: parts.some((p) => p === null) ? null : (parts as number[]).reduce((a, b) => a + b, 0),
    legacy: null,
  };
}

export interface Ranked {
  rank: number | null;
  /** True when another measure has exactly the same score (and so the same rank). */
  tied: boolean;
}

/**
 * Competition ranking (1, 2, 2, 4) by score, highest first, over the scored measures only; unscored and
 * legacy ones get no rank. `score_twelfths` makes equality exact.
 */
export function rankScores<K>(items: { key: K; score_twelfths: number | null }[]): Map<K, Ranked> {
  const scored = items.filter((i): i is { key: K; score_twelfths: number } => i.score_twelfths !== null);
  const counts = new Map<number, number>();
  for (const i of scored) counts.set(i.score_twelfths, (counts.get(i.score_twelfths) ?? 0) + 1);
  const distinct = [...counts.keys()].sort((a, b) => b - a);
  const rankOf = new Map<number, number>();
  let above = 0;
  for (const s of distinct) {
    rankOf.set(s, above + 1);
    above += counts.get(s)!;
  }
  const result = new Map<K, Ranked>();
  for (const i of items) {
    if (i.score_twelfths === null) result.set(i.key, { rank: null, tied: false });
    else result.set(i.key, { rank: rankOf.get(i.score_twelfths)!, tied: counts.get(i.score_twelfths)! > 1 });
  }
  return result;
}

/** Rounds for display the way the sheet shows scores (one decimal, half up). */
export const roundTo = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
