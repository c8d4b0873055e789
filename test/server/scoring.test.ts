import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CURRENT_FORMULA,
  emptyLeaves,
  LEAVES,
  LEGACY_FORMULA,
  type LeafValues,
  rankScores,
  roundTo,
  scoreMeasure,
} from '../../server/queries/scoring.ts';
import { call, makeApp, type TestApp } from '../helpers.ts';

const close = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9,
    `${what}: ${actual} ≠ ${expected}`,
  );

/** Leaves in the sheet's row order: M (2) | K (4) | Pasient (2) | Helsepersonell (2) | infrastruktur. */
const leaves = (...v: (number | null)[]): LeafValues =>
  Object.fromEntries(LEAVES.map((l, i) => [l, v[i]!])) as LeafValues;

// ---------------------------------------------------------------------------------------------------
const Model = suite('scoring model (pure)');

Model('PLL: 8,10 | 6,1,9,9 | 10,10 | 9,10 | 3 gives M 9, K 6.25, N 7.5, score 22.75', () => {
  const r = scoreMeasure({ leaves: leaves(8, 10, 6, 1, 9, 9, 10, 10, 9, 10, 3), formula_version: CURRENT_FORMULA });
  assert.is(r.state, 'scored');
  close(r.aggregates.goal, 9, 'M');
  close(r.aggregates.cost, 6.25, 'K');
  close(r.aggregates.patient, 10, 'Pasient');
  close(r.aggregates.staff, 9.5, 'Helsepersonell');
  close(r.aggregates.benefit, 7.5, 'N');
  close(r.score, 22.75, 'score');
  assert.is(r.score_twelfths, 273);
  assert.is(roundTo(r.score!, 1), 22.8, 'shown as the sheet shows it');
  assert.equal(r.missing_leaves, []);
  assert.is(r.score_without_missing, null);
});

Model('N averages Pasient, Helsepersonell and infrastructure: each leaf moves the score by its weight', () => {
  const base = leaves(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
  close(scoreMeasure({ leaves: base, formula_version: CURRENT_FORMULA }).score, 15, 'all fives');
  const weights: Record<string, number> = {
    needs_met: 1 / 2,
    sector_priorities: 1 / 2,
    technical: 1 / 4,
    organisational: 1 / 4,
    legal: 1 / 4,
    semantic: 1 / 4,
    patient_safety: 1 / 6,
    patient_everyday: 1 / 6,
    staff_workday: 1 / 6,
    staff_decisions: 1 / 6,
    infrastructure: 1 / 3,
  };
  for (const l of LEAVES) {
    const r = scoreMeasure({ leaves: { ...base, [l]: 6 }, formula_version: CURRENT_FORMULA });
    close(r.score, 15 + weights[l]!, l);
  }
  close(
    scoreMeasure({ leaves: leaves(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10), formula_version: '2022' }).score,
    30,
    'max',
  );
  close(scoreMeasure({ leaves: leaves(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), formula_version: '2022' }).score, 0, 'min');
});

Model('a missing leaf makes the measure unscored, names the leaf and its note, never a silent average', () => {
  const r = scoreMeasure({
    leaves: leaves(8, 5, 2, 4, null, 6, 3, 5, 2, 3, 1),
    notes: { legal: 'Sjekke med Siri Pernille?' },
    formula_version: CURRENT_FORMULA,
  });
  assert.is(r.state, 'unscored');
  assert.is(r.score, null);
  assert.is(r.score_twelfths, null);
  assert.is(r.aggregates.cost, null, 'K is not averaged over the three numbers');
  close(r.aggregates.goal, 6.5, 'M is complete');
  close(r.aggregates.benefit, 2.5, 'N is complete');
  assert.equal(r.missing_leaves, [
    { leaf: 'legal', label_nb: 'Juridisk utvikling?', note: 'Sjekke med Siri Pernille?' },
  ]);
  close(r.aggregates_without_missing?.cost, 4, 'K without the missing leaf');
  close(r.score_without_missing, 13, 'score without the missing leaf');
});

Model('a part with no leaf at all has no score without missing (the sheet showed #DIV/0!)', () => {
  const r = scoreMeasure({
    leaves: leaves(4, 4, 4, null, null, null, null, null, null, null, null),
    formula_version: '2022',
  });
  assert.is(r.state, 'unscored');
  assert.is(r.missing_leaves.length, 8);
  close(r.aggregates_without_missing?.cost, 4, 'K over the one number');
  assert.is(r.aggregates_without_missing?.benefit, null);
  assert.is(r.score_without_missing, null);
  const none = scoreMeasure({ leaves: emptyLeaves(), formula_version: '2022' });
  assert.is(none.state, 'unscored');
  assert.is(none.missing_leaves.length, 11);
});

Model('a score under the older formula is kept as what it is: not ranked, the sheet figure reproduced', () => {
  const hjelpenummer = scoreMeasure({
    leaves: leaves(3, 5, 2, 8, 10, 9, 3, 2, 2, 2, 10),
    formula_version: LEGACY_FORMULA,
    sheet_score: 25.75,
  });
  assert.is(hjelpenummer.state, 'legacy_formula');
  assert.is(hjelpenummer.score, null);
  assert.is(hjelpenummer.score_twelfths, null);
  assert.equal(hjelpenummer.aggregates, { goal: null, cost: null, patient: null, staff: null, benefit: null });
  const legacy = hjelpenummer.legacy!;
  assert.is(legacy.sheet_score, 25.75);
  assert.equal(legacy.aggregates, { goal: 4, cost: 7.25, patient: 5, staff: 4, benefit: 4.5, infrastructure: 10 });
  close(legacy.score, 25.75, 'older formula reproduces the sheet');
  close(legacy.score_if_current_formula, 4 + 7.25 + (2.5 + 2 + 10) / 3, 'current formula, for comparison');
  const utenforKj = scoreMeasure({ leaves: leaves(8, 2, 2, 6, 7, 6, 3, 3, 3, 3, 0), formula_version: LEGACY_FORMULA });
  close(utenforKj.legacy?.score, 16.25, 'Dokumenter utenfor kjernejournal');
  assert.is(roundTo(utenforKj.legacy!.score!, 1), 16.3);
});

Model('ties share a rank and the next rank skips (1, 2, 2, 4); unscored get no rank', () => {
  const ranks = rankScores([
    { key: 'a', score_twelfths: 200 },
    { key: 'b', score_twelfths: 150 },
    { key: 'c', score_twelfths: 150 },
    { key: 'd', score_twelfths: 100 },
    { key: 'e', score_twelfths: null },
  ]);
  assert.equal(ranks.get('a'), { rank: 1, tied: false });
  assert.equal(ranks.get('b'), { rank: 2, tied: true });
  assert.equal(ranks.get('c'), { rank: 2, tied: true });
  assert.equal(ranks.get('d'), { rank: 4, tied: false });
  assert.equal(ranks.get('e'), { rank: null, tied: false });
  assert.is(rankScores([]).size, 0);
});

Model('equal scores from different leaves compare equal (no floating-point drift)', () => {
  const dbep = scoreMeasure({ leaves: leaves(8, 7, 4, 3, 7, 4, 9, 8, 5, 9, 3), formula_version: '2022' });
  const legevakt = scoreMeasure({ leaves: leaves(7, 7, 4, 6, 8, 8, 5, 7, 5, 5, 3), formula_version: '2022' });
  assert.is(dbep.score_twelfths, 218);
  assert.is(legevakt.score_twelfths, 218);
  assert.is(dbep.score, legevakt.score);
  assert.is(roundTo(dbep.score!, 2), 18.17);
});

Model.run();

// ---------------------------------------------------------------------------------------------------
/**
 * The sheet of Nasjonalt e-helsestyre 8 June 2022 as the source shows it: tab «Samlet» (score, prioriteringsnummer)
 * and M, K, N from each measure's own tab. Read from the source, not from the seed files.
 */
const SHEET: [title: string, score: number, rank: number, m: number, k: number, n: number][] = [
  ['PLL', 22.8, 1, 9, 6.3, 7.5],
  ['Dokumentdeling i spesialisthelsetjenesten', 20.8, 2, 7.5, 8.0, 5.3],
  ['Kritisk info i spesialisthelsetjenesten', 19.8, 3, 7.0, 7.5, 5.3],
  ['Kritisk info hos fastleger og avtalespesialister', 19.1, 4, 7.5, 6.3, 5.3],
  ['Kritisk info i kommunal helse- og omsorgstjeneste', 18.3, 5, 7.0, 6.3, 5.0],
  ['Digitale behandlings- og egenbehandlingsplaner', 18.2, 6, 7.5, 4.5, 6.2],
  ['Dokumentdeling i legevakt/ØHD', 18.2, 7, 7.0, 6.5, 4.7],
  ['Generisk datadelingstjeneste', 15.8, 8, 4.5, 7.3, 4.0],
  ['Dokumentdeling fastleger', 15.2, 9, 7.0, 3.5, 4.7],
  ['Dokumentdeling andre kommunale helse- og omsorgstjeneste', 14.8, 10, 5.5, 6.0, 3.3],
  ['Kritisk info hos andre helseaktører', 13.0, 11, 6.5, 4.0, 2.5],
];

interface Ctx {
  app: TestApp;
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are read freely and asserted on
  measures: any[];
}

const Sheet = suite<Ctx>('the seeded sheet of 8 June 2022, reproduced');

Sheet.before(async (ctx) => {
  const { app } = await makeApp();
  ctx.app = app;
  const res = await call(app, 'GET', '/api/measures?limit=100');
  assert.is(res.status, 200);
  ctx.measures = res.body.items;
});

const byTitle = (ctx: Ctx, title: string) => {
  const m = ctx.measures.find((x) => x.title === title);
  assert.ok(m, `measure «${title}» is seeded`);
  return m;
};

Sheet('every measure where all leaves are numbers gets the sheet’s score and rank', (ctx) => {
  for (const [title, score, rank, m, k, n] of SHEET) {
    const measure = byTitle(ctx, title);
    if (title === 'Kritisk info hos andre helseaktører') {
      const partial = measure.aggregates_without_missing;
      assert.equal(
        [partial.goal, partial.cost, partial.benefit].map((x: number) => roundTo(x, 1)),
        [m, k, n],
      );
      continue;
    }
    assert.is(measure.scoring_state, 'scored', title);
    assert.is(roundTo(measure.score, 1), score, `${title}: score`);
    assert.is(roundTo(measure.aggregates.goal, 1), m, `${title}: M`);
    assert.is(roundTo(measure.aggregates.cost, 1), k, `${title}: K`);
    assert.is(roundTo(measure.aggregates.benefit, 1), n, `${title}: N`);
    if (title === 'Dokumentdeling i legevakt/ØHD') {
      assert.is(measure.rank, 6, 'shares rank 6 with DBEP: the sheet broke the tie by listing order');
      assert.ok(measure.tied);
    } else {
      assert.is(measure.rank, rank, `${title}: rank`);
    }
    assert.is(measure.sheet_score, score, `${title}: the sheet's figure is kept`);
    assert.is(measure.sheet_rank, rank, `${title}: the sheet's rank is kept`);
  }
});

Sheet('PLL 22.75 is rank 1; DBEP and «Dokumentdeling i legevakt/ØHD» tie at 18.17', (ctx) => {
  const pll = byTitle(ctx, 'PLL');
  close(pll.score, 22.75, 'PLL');
  assert.is(pll.rank, 1);
  assert.is(pll.tied, false);
  assert.equal(pll.leaves, {
    needs_met: 8,
    sector_priorities: 10,
    technical: 6,
    organisational: 1,
    legal: 9,
    semantic: 9,
    patient_safety: 10,
    patient_everyday: 10,
    staff_workday: 9,
    staff_decisions: 10,
    infrastructure: 3,
  });
  assert.is(pll.notes.semantic, 'Kritisk infodelen tas av `kritisk info`');
  const dbep = byTitle(ctx, 'Digitale behandlings- og egenbehandlingsplaner');
  const legevakt = byTitle(ctx, 'Dokumentdeling i legevakt/ØHD');
  assert.is(dbep.score, legevakt.score);
  assert.is(roundTo(dbep.score, 2), 18.17);
  assert.equal([dbep.rank, dbep.tied, legevakt.rank, legevakt.tied], [6, true, 6, true]);
  assert.is(dbep.notes.staff_workday, '*');
  assert.is(byTitle(ctx, 'Generisk datadelingstjeneste').rank, 8, 'after a tie for 6th comes 8th');
});

Sheet('«Kritisk info hos andre helseaktører» is unscored: juridisk missing with its note, 13.0 without it', (ctx) => {
  const m = byTitle(ctx, 'Kritisk info hos andre helseaktører');
  assert.is(m.scoring_state, 'unscored');
  assert.is(m.score, null);
  assert.is(m.rank, null);
  assert.is(m.leaves.legal, null);
  assert.equal(m.missing_leaves, [
    { leaf: 'legal', label_nb: 'Juridisk utvikling?', note: 'Sjekke med Siri Pernille?' },
  ]);
  close(m.score_without_missing, 13, 'score without the missing leaf');
  assert.is(m.sheet_score, 13.0, 'the sheet silently averaged over the text and showed 13.0');
});

Sheet('the two columns of the older formula are shown as such, with the sheet’s own figure', (ctx) => {
  for (const [title, sheetScore, oldScore] of [
    ['Felles hjelpenummer', 25.75, 25.75],
    ['Dokumentdeling: Dokumenter utenfor kjernejournal', 16.3, 16.25],
  ] as const) {
    const m = byTitle(ctx, title);
    assert.is(m.formula_version, '2022-old', title);
    assert.is(m.scoring_state, 'legacy_formula', title);
    assert.is(m.score, null, `${title} is not scored as if current`);
    assert.is(m.rank, null, `${title} is not ranked`);
    assert.is(m.sheet_score, sheetScore, title);
    close(m.legacy.score, oldScore, `${title}: older formula`);
    assert.match(m.legacy.explanation, /eldre formel/i);
  }
});

Sheet('ranked list order: scored by rank, then unscored, then older formula', (ctx) => {
  const states = ctx.measures.map((m) => m.scoring_state);
  const firstUnscored = states.indexOf('unscored');
  const firstLegacy = states.indexOf('legacy_formula');
  assert.ok(firstUnscored > 0 && firstLegacy > firstUnscored);
  assert.ok(states.slice(0, firstUnscored).every((s) => s === 'scored'));
  const ranks = ctx.measures.slice(0, firstUnscored).map((m) => m.rank);
  assert.equal(
    ranks,
    [...ranks].sort((a, b) => a - b),
  );
  assert.is(
    ctx.measures[firstUnscored].title,
    'Kritisk info hos andre helseaktører',
    'highest score without missing first',
  );
});

Sheet.run();
