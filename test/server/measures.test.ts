import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Db } from '../../schema/db.ts';
import { seedDatabase } from '../../seeds/index.ts';
import { LEAVES } from '../../server/queries/scoring.ts';
import { call, dumpDb, makeApp, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
  db: Db;
}

const rows = <T = Record<string, unknown>>(sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  sqlite.prepare(sql).all(...params) as T[];
const scalar = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  Number(Object.values(sqlite.prepare(sql).get(...params) as object)[0]);
const lastAuditId = (sqlite: Database.Database) => scalar(sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log');
const auditSince = (sqlite: Database.Database, id: number) =>
  rows<{ actor: string; entity: string; entity_id: number; action: string; changes: string }>(
    sqlite,
    'SELECT * FROM audit_log WHERE id > ? ORDER BY id',
    id,
  ).map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]> }));

const allLeaves = (value: number | null) => Object.fromEntries(LEAVES.map((l) => [l, value]));
/** PLL's leaves from the 2022 sheet. */
const PLL_LEAVES = {
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
};

const idOf = (sqlite: Database.Database, title: string) =>
  scalar(sqlite, 'SELECT id FROM measure WHERE title = ?', title);

// ---------------------------------------------------------------------------------------------------
const List = suite<Ctx>('measures: list and filters');

List.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

List('each measure comes with leaves, notes, aggregates, score, rank and links', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/measures?limit=100');
  assert.is(res.status, 200);
  assert.is(res.body.total, scalar(sqlite, 'SELECT count(*) FROM measure'));
  for (const m of res.body.items) {
    assert.equal(Object.keys(m.leaves).sort(), [...LEAVES].sort(), m.title);
    assert.equal(Object.keys(m.notes).sort(), [...LEAVES].sort(), m.title);
    assert.equal(Object.keys(m.aggregates).sort(), ['benefit', 'cost', 'goal', 'patient', 'staff']);
    assert.ok(['scored', 'unscored', 'legacy_formula'].includes(m.scoring_state));
    assert.type(m.version, 'number');
    assert.ok(Array.isArray(m.requirements) && Array.isArray(m.solutions));
    assert.is(m.search_text, undefined);
    assert.match(m.source, /^Nasjonalt e-helsestyre 08\.06\.2022, sak 27\/22/);
  }
  const pll = res.body.items.find((m: { title: string }) => m.title === 'PLL');
  assert.equal(
    pll.requirements.map((r: { ref: string }) => r.ref),
    ['A2-04'],
  );
  assert.ok(pll.requirements[0].link_note.length > 20, 'the link is justified');
  assert.equal(pll.solutions.map((s: { name: string }) => s.name).sort(), [
    'E-resept',
    'Pasientens legemiddelliste (PLL)',
  ]);
});

List('filters: requirement, solution, status, scoring state, text; paging keeps the total', async ({ app }) => {
  const a205 = (await call(app, 'GET', '/api/measures?requirement=A2-05')).body;
  assert.is(a205.total, 4, 'the four «Kritisk info» measures');
  for (const m of a205.items) assert.match(m.title, /^Kritisk info/);

  const solutions = (await call(app, 'GET', '/api/solutions?q=kritiske')).body.items;
  const kritisk = solutions.find((s: { name: string }) => s.name === 'Pasientens kritiske informasjon');
  const bySolution = (await call(app, 'GET', `/api/measures?solution=${kritisk.id}`)).body;
  assert.is(bySolution.total, 4);

  const unscored = (await call(app, 'GET', '/api/measures?scoring=unscored')).body;
  assert.equal(
    unscored.items.map((m: { scoring_state: string }) => m.scoring_state),
    ['unscored', 'unscored'],
  );
  const scoredOrLegacy = (await call(app, 'GET', '/api/measures?scoring=scored,legacy_formula')).body;
  assert.is(scoredOrLegacy.total, 12);

  assert.is((await call(app, 'GET', '/api/measures?status=proposed')).body.total, 14);
  assert.is((await call(app, 'GET', '/api/measures?area=A1')).body.total, 6, 'the six «Dokumentdeling» measures');
  assert.is((await call(app, 'GET', '/api/measures?area=A3,A4,A5')).body.total, 0);
  assert.is((await call(app, 'GET', '/api/measures?status=done')).body.total, 0);
  assert.is(
    (await call(app, 'GET', '/api/measures?q=legevakt')).body.total,
    2,
    'title, and «utenom fastleger og legevakt»',
  );
  assert.is((await call(app, 'GET', '/api/measures?q=ØHD')).body.total, 1, 'æøå folded');

  const page = (await call(app, 'GET', '/api/measures?limit=2&offset=1')).body;
  assert.is(page.total, 14);
  assert.equal(
    page.items.map((m: { rank: number }) => m.rank),
    [2, 3],
    'ranks are global, not per page',
  );
  const byTitle = (await call(app, 'GET', '/api/measures?sort=title&limit=3')).body.items;
  assert.is(byTitle[0].title, 'Digitale behandlings- og egenbehandlingsplaner');
});

List('bad filters are 400 with the error shape', async ({ app }) => {
  for (const q of [
    'status=nope',
    'area=A9',
    'scoring=half',
    'requirement=X',
    'solution=abc',
    'sort=score',
    'limit=0',
  ]) {
    const res = await call(app, 'GET', `/api/measures?${q}`);
    assert.is(res.status, 400, q);
    assert.type(res.body.error.message, 'string');
  }
});

List('one measure; unknown is 404, a non-number id 400', async ({ app, sqlite }) => {
  const id = idOf(sqlite, 'Kritisk info hos andre helseaktører');
  const res = await call(app, 'GET', `/api/measures/${id}`);
  assert.is(res.status, 200);
  assert.is(res.body.missing_leaves[0].note, 'Sjekke med Siri Pernille?');
  assert.is((await call(app, 'GET', '/api/measures/99999')).status, 404);
  assert.is((await call(app, 'GET', '/api/measures/abc')).status, 400);
  const model = await call(app, 'GET', '/api/measures/scoring-model');
  assert.is(model.status, 200);
  assert.equal(
    model.body.leaves.map((l: { leaf: string }) => l.leaf),
    [...LEAVES],
  );
});

List.run();

// ---------------------------------------------------------------------------------------------------
const Create = suite<Ctx>('measures: create');

Create.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Create('a new measure with a score is ranked among the seeded ones, linked and audited', async ({ app, sqlite }) => {
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'POST', '/api/measures', {
    title: 'Nasjonal pasientoppsummering',
    description: 'Pasientoppsummering etter EHDS',
    owner_organisation_id: scalar(sqlite, "SELECT id FROM organisation WHERE name = 'Helsedirektoratet'"),
    planned_start: '2026-01-01',
    planned_end: '2028-12-31',
    status: 'planned',
    cost_estimate_nok: 25_000_000,
    cost_estimate_year: 2025,
    requirements: [{ ref: 'A2-05', link_note: 'Pasientoppsummering' }],
    solution_ids: [scalar(sqlite, "SELECT id FROM national_solution WHERE name = 'Kjernejournal'")],
    leaves: allLeaves(10),
    notes: { legal: 'Hjemmel finnes' },
  });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const m = res.body;
  assert.is(m.score, 30);
  assert.is(m.rank, 1);
  assert.is(m.owner_organisation, 'Helsedirektoratet');
  assert.is(m.notes.legal, 'Hjemmel finnes');
  assert.is(m.formula_version, '2022');
  assert.equal(m.requirements, [
    {
      ref: 'A2-05',
      title: 'Pasientoppsummeringer innen 2029',
      deadline: '2029-03-26',
      link_note: 'Pasientoppsummering',
      in_time: true,
    },
  ]);
  const pll = (await call(app, 'GET', `/api/measures/${idOf(sqlite, 'PLL')}`)).body;
  assert.is(pll.rank, 2, 'PLL moves down one');
  const entries = auditSince(sqlite, audit);
  assert.is(entries.length, 1);
  assert.is(entries[0]!.entity, 'measure');
  assert.is(entries[0]!.action, 'create');
  assert.equal(entries[0]!.changes.title, [null, 'Nasjonal pasientoppsummering']);
  assert.equal(entries[0]!.changes['leaves.legal'], [null, 10]);
  assert.equal(entries[0]!.changes.requirements, [null, [{ ref: 'A2-05', link_note: 'Pasientoppsummering' }]]);
});

Create('a new measure without a score is unscored with all eleven leaves missing', async ({ app }) => {
  const res = await call(app, 'POST', '/api/measures', { title: 'Utrede reservasjonsrett' });
  assert.is(res.status, 201);
  assert.is(res.body.status, 'proposed');
  assert.is(res.body.scoring_state, 'unscored');
  assert.is(res.body.missing_leaves.length, 11);
  assert.is(res.body.rank, null);
});

Create('bad input is a 400 naming the field, and nothing is written', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  const bad: [string, unknown][] = [
    ['no title', { description: 'x' }],
    ['blank title', { title: '  ' }],
    ['leaf 11', { title: 'T', leaves: { ...allLeaves(5), legal: 11 } }],
    ['leaf −1', { title: 'T', leaves: { ...allLeaves(5), legal: -1 } }],
    ['leaf "x"', { title: 'T', leaves: { ...allLeaves(5), legal: 'x' } }],
    ['leaf 7.5', { title: 'T', leaves: { ...allLeaves(5), legal: 7.5 } }],
    ['a leaf left out', { title: 'T', leaves: { needs_met: 5 } }],
    ['unknown leaf', { title: 'T', leaves: { ...allLeaves(5), beauty: 3 } }],
    ['bad status', { title: 'T', status: 'maybe' }],
    ['bad date', { title: 'T', planned_end: '2029-02-30' }],
    ['end before start', { title: 'T', planned_start: '2029-01-01', planned_end: '2028-01-01' }],
    ['cost without year', { title: 'T', cost_estimate_nok: 1000 }],
    ['negative cost', { title: 'T', cost_estimate_nok: -1, cost_estimate_year: 2025 }],
    ['unknown requirement', { title: 'T', requirements: [{ ref: 'A2-99' }] }],
    ['requirement twice', { title: 'T', requirements: [{ ref: 'A2-05' }, { ref: 'A2-05' }] }],
    ['unknown solution', { title: 'T', solution_ids: [9999] }],
    ['unknown organisation', { title: 'T', owner_organisation_id: 9999 }],
    ['unknown field', { title: 'T', score: 30 }],
  ];
  for (const [what, body] of bad) {
    const res = await call(app, 'POST', '/api/measures', body);
    assert.is(res.status, 400, what);
    assert.type(res.body.error.message, 'string', what);
  }
  const leaf = await call(app, 'POST', '/api/measures', { title: 'T', leaves: { ...allLeaves(5), legal: 11 } });
  assert.ok(
    leaf.body.error.issues.some((i: { field: string }) => i.field === 'leaves.legal'),
    'the issue names the leaf',
  );
  assert.is(await dumpDb(sqlite), before);
});

Create.run();

// ---------------------------------------------------------------------------------------------------
const Update = suite<Ctx>('measures: update and score');

Update.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Update('PATCH changes fields and links; stale version gets 409 with the current state', async ({ app, sqlite }) => {
  const id = idOf(sqlite, 'PLL');
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'PATCH', `/api/measures/${id}`, {
    version: 1,
    status: 'in_progress',
    planned_end: '2029-03-26',
    requirements: [
      { ref: 'A2-04', link_note: 'E-resept' },
      { ref: 'A2-05', link_note: 'Legemidler i pasientoppsummeringen' },
    ],
  });
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.version, 2);
  assert.is(res.body.status, 'in_progress');
  assert.equal(
    res.body.requirements.map((r: { ref: string; in_time: boolean }) => [r.ref, r.in_time]),
    [
      ['A2-04', true],
      ['A2-05', true],
    ],
  );
  const [entry] = auditSince(sqlite, audit);
  assert.equal(entry!.changes.status, ['proposed', 'in_progress']);
  assert.equal(entry!.changes.planned_end, [null, '2029-03-26']);
  assert.ok(entry!.changes.requirements);

  const before = await dumpDb(sqlite);
  const stale = await call(app, 'PATCH', `/api/measures/${id}`, { version: 1, status: 'done' });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.current.version, 2);
  assert.is(stale.body.error.current.status, 'in_progress');
  assert.is(await dumpDb(sqlite), before, 'a stale write changes nothing');

  assert.is((await call(app, 'PATCH', '/api/measures/99999', { version: 1, status: 'done' })).status, 404);
  assert.is((await call(app, 'PATCH', `/api/measures/${id}`, { status: 'done' })).status, 400, 'version required');
  assert.is(
    (await call(app, 'PATCH', `/api/measures/${id}`, { version: 2, planned_start: '2030-01-01' })).status,
    400,
    'start after end',
  );
  assert.is(await dumpDb(sqlite), before);
});

Update('PUT score: an unscored measure becomes scored and ranked; audited per leaf', async ({ app, sqlite }) => {
  const id = idOf(sqlite, 'Kritisk info hos andre helseaktører');
  const current = (await call(app, 'GET', `/api/measures/${id}`)).body;
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'PUT', `/api/measures/${id}/score`, {
    version: current.version,
    leaves: { ...current.leaves, legal: 6 },
    notes: { legal: 'Avklart: hjemmel i pasientjournalloven' },
  });
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.scoring_state, 'scored');
  assert.is(res.body.score, 6.5 + 4.5 + 2.5);
  assert.is(res.body.rank, 11, 'below the ten scored measures');
  assert.is(res.body.version, current.version + 1);
  assert.is(res.body.notes.legal, 'Avklart: hjemmel i pasientjournalloven');
  const [entry] = auditSince(sqlite, audit);
  assert.is(entry!.entity, 'measure');
  assert.equal(entry!.changes['leaves.legal'], [null, 6]);
  assert.equal(entry!.changes['notes.legal'], ['Sjekke med Siri Pernille?', 'Avklart: hjemmel i pasientjournalloven']);
  assert.is(entry!.changes['leaves.technical'], undefined, 'unchanged leaves are not logged');
});

Update('PUT score: 400 for a leaf of 11, −1 or "x"; 409 for a stale version; 404 for none', async ({ app, sqlite }) => {
  const id = idOf(sqlite, 'PLL');
  const before = await dumpDb(sqlite);
  for (const bad of [11, -1, 'x', 10.5, true]) {
    const res = await call(app, 'PUT', `/api/measures/${id}/score`, {
      version: 1,
      leaves: { ...PLL_LEAVES, technical: bad },
    });
    assert.is(res.status, 400, String(bad));
    assert.ok(res.body.error.issues.some((i: { field: string }) => i.field === 'leaves.technical'));
  }
  const { needs_met: _left, ...tooFew } = PLL_LEAVES;
  assert.is((await call(app, 'PUT', `/api/measures/${id}/score`, { version: 1, leaves: tooFew })).status, 400);
  assert.is((await call(app, 'PUT', `/api/measures/${id}/score`, { leaves: PLL_LEAVES })).status, 400);
  assert.is(await dumpDb(sqlite), before);

  const stale = await call(app, 'PUT', `/api/measures/${id}/score`, { version: 7, leaves: allLeaves(0) });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.current.score, 22.75);
  assert.is(await dumpDb(sqlite), before);
  assert.is((await call(app, 'PUT', '/api/measures/99999/score', { version: 1, leaves: allLeaves(0) })).status, 404);
});

Update('PUT score with a null leaf un-scores a measure and the ranks close up', async ({ app, sqlite }) => {
  const id = idOf(sqlite, 'PLL');
  const res = await call(app, 'PUT', `/api/measures/${id}/score`, {
    version: 1,
    leaves: { ...PLL_LEAVES, infrastructure: null },
    notes: { infrastructure: 'Avventer NHN' },
  });
  assert.is(res.status, 200);
  assert.is(res.body.scoring_state, 'unscored');
  assert.equal(res.body.missing_leaves, [
    { leaf: 'infrastructure', label_nb: 'Realisere sentral infrastruktur', note: 'Avventer NHN' },
  ]);
  assert.is(res.body.score_without_missing, 9 + 6.25 + (10 + 9.5) / 2);
  const spes = (await call(app, 'GET', `/api/measures/${idOf(sqlite, 'Dokumentdeling i spesialisthelsetjenesten')}`))
    .body;
  assert.is(spes.rank, 1);
});

Update(
  'scoring a legacy measure again moves it to the current formula, keeping the sheet figure',
  async ({ app, sqlite }) => {
    const id = idOf(sqlite, 'Felles hjelpenummer');
    const current = (await call(app, 'GET', `/api/measures/${id}`)).body;
    assert.is(current.scoring_state, 'legacy_formula');
    const audit = lastAuditId(sqlite);
    const res = await call(app, 'PUT', `/api/measures/${id}/score`, {
      version: current.version,
      leaves: current.leaves,
      notes: current.notes,
    });
    assert.is(res.status, 200);
    assert.is(res.body.formula_version, '2022');
    assert.is(res.body.scoring_state, 'scored');
    assert.is(res.body.sheet_score, 25.75);
    assert.is(res.body.score, current.legacy.score_if_current_formula);
    assert.type(res.body.rank, 'number');
    const [entry] = auditSince(sqlite, audit);
    assert.equal(entry!.changes.formula_version, ['2022-old', '2022']);
  },
);

Update('seeding again adds nothing and keeps an analyst’s renamed and rescored measure', async (ctx) => {
  const { app, sqlite, db } = ctx;
  const id = idOf(sqlite, 'PLL');
  await call(app, 'PATCH', `/api/measures/${id}`, { version: 1, title: 'PLL (omdøpt)' });
  await call(app, 'PUT', `/api/measures/${id}/score`, { version: 2, leaves: allLeaves(1) });
  const before = await dumpDb(sqlite);
  await seedDatabase(db);
  assert.is(await dumpDb(sqlite), before);
  assert.is(scalar(sqlite, 'SELECT count(*) FROM measure'), 14);
});

Update('the stored row holds leaves only: no score or rank column', async ({ sqlite }) => {
  const columns = rows<{ name: string }>(sqlite, 'PRAGMA table_info(measure)').map((c) => c.name);
  for (const derived of ['score', 'rank', 'goal', 'cost', 'benefit']) assert.not.ok(columns.includes(derived), derived);
  assert.is(scalar(sqlite, 'SELECT count(*) FROM measure_score_leaf'), 14 * 11);
});

Update('every measure route is in the OpenAPI document', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/openapi.json');
  assert.ok(body.paths['/api/measures']?.get);
  assert.ok(body.paths['/api/measures']?.post);
  assert.ok(body.paths['/api/measures/scoring-model']?.get);
  assert.ok(body.paths['/api/measures/{id}']?.get);
  assert.ok(body.paths['/api/measures/{id}']?.patch);
  assert.ok(body.paths['/api/measures/{id}/score']?.put);
});

Update.run();
