import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, dumpDb, makeApp, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
}

const scalar = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  Number(Object.values(sqlite.prepare(sql).get(...params) as object)[0]);
const lastAuditId = (sqlite: Database.Database) => scalar(sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log');

const NAMED_IN_SOURCES = [
  'E-resept',
  'Helsenorge',
  'ICD-11',
  'Kjernejournal',
  'myHealth@EU',
  'Pasientens journaldokumenter',
  'Pasientens kritiske informasjon',
  'Pasientens legemiddelliste (PLL)',
  'Pasientens måledata',
  'Pasientens prøvesvar',
  'Veilednings- og godkjenningsordning for helseteknologier',
];

// ---------------------------------------------------------------------------------------------------
const Read = suite<Ctx>('solutions: seeded and read');

Read.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Read('the eleven solutions the sources name, each with its source, sorted by name', async ({ app }) => {
  const res = await call(app, 'GET', '/api/solutions?limit=100');
  assert.is(res.status, 200);
  assert.equal(
    res.body.items.map((s: { name: string }) => s.name),
    NAMED_IN_SOURCES,
  );
  for (const s of res.body.items) {
    assert.ok(s.source.length > 10, s.name);
    assert.not.match(s.source, /\.txt|\.csv|\.json|sources\//, s.name);
    assert.ok(s.owner_organisation, `${s.name} has an owner the sources name`);
    assert.ok(s.owner_note.length > 10, `${s.name}: the owner's role is quoted`);
    if (s.status !== null) assert.ok(s.status_note.length > 10, `${s.name}: status has its evidence`);
    assert.type(s.measure_count, 'number');
  }
});

Read('owner, status and end date only where a source gives them', async ({ app }) => {
  const items = (await call(app, 'GET', '/api/solutions?limit=100')).body.items;
  const get = (name: string) => items.find((s: { name: string }) => s.name === name);
  const withEnd = items.filter((s: { planned_end: string | null }) => s.planned_end !== null);
  assert.equal(
    withEnd.map((s: { name: string }) => s.name),
    ['Veilednings- og godkjenningsordning for helseteknologier'],
  );
  assert.is(get('Veilednings- og godkjenningsordning for helseteknologier').planned_end, '2025-10-01');
  assert.match(get('Veilednings- og godkjenningsordning for helseteknologier').planned_end_note, /første versjon/i);
  assert.is(get('myHealth@EU').owner_organisation, 'Helsedirektoratet');
  assert.match(get('myHealth@EU').owner_note, /dataansvarlig/);
  assert.is(get('Kjernejournal').owner_organisation, 'Norsk helsenett SF');
  assert.is(get('Pasientens prøvesvar').status, 'in_pilot');
  assert.match(get('Helsenorge').description, /Tilpasninger for EHDS/);
  assert.is(get('Kjernejournal').measure_count, 10);
});

Read('filters and search (æøå); one with its measures; 404 and 400', async ({ app }) => {
  assert.is((await call(app, 'GET', '/api/solutions?kind=national_solution')).body.total, 3);
  assert.is((await call(app, 'GET', '/api/solutions?status=in_operation')).body.total, 3);
  assert.is((await call(app, 'GET', '/api/solutions?q=MÅLEDATA')).body.total, 1);
  assert.is((await call(app, 'GET', '/api/solutions?kind=nope')).status, 400);
  const list = (await call(app, 'GET', '/api/solutions?q=legemiddelliste')).body.items;
  const pll = (await call(app, 'GET', `/api/solutions/${list[0].id}`)).body;
  assert.equal(
    pll.measures.map((m: { title: string }) => m.title),
    ['PLL'],
  );
  assert.is((await call(app, 'GET', '/api/solutions/99999')).status, 404);
  assert.is((await call(app, 'GET', '/api/solutions/x')).status, 400);
});

Read.run();

// ---------------------------------------------------------------------------------------------------
const Write = suite<Ctx>('solutions: create and change');

Write.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Write('create, change, audit; a name in use is 409; a stale version is 409 with current', async ({ app, sqlite }) => {
  const audit = lastAuditId(sqlite);
  const created = await call(app, 'POST', '/api/solutions', {
    name: 'Nasjonal pasientoppsummering',
    kind: 'project',
    status: 'planned',
    source: 'Nasjonalt e-helseråd 11.12.2025, sak 37/25',
  });
  assert.is(created.status, 201, JSON.stringify(created.body));
  assert.is(created.body.version, 1);
  assert.equal(created.body.measures, []);
  const id = created.body.id;

  const dup = await call(app, 'POST', '/api/solutions', { name: 'Kjernejournal' });
  assert.is(dup.status, 409);

  const changed = await call(app, 'PATCH', `/api/solutions/${id}`, {
    version: 1,
    status: 'in_progress',
    planned_end: '2028-12-31',
  });
  assert.is(changed.status, 200);
  assert.is(changed.body.version, 2);
  assert.is(changed.body.planned_end, '2028-12-31');

  const before = await dumpDb(sqlite);
  const stale = await call(app, 'PATCH', `/api/solutions/${id}`, { version: 1, status: 'stopped' });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.current.status, 'in_progress');
  assert.is((await call(app, 'PATCH', `/api/solutions/${id}`, { version: 2, name: 'E-resept' })).status, 409);
  assert.is((await call(app, 'PATCH', `/api/solutions/${id}`, { version: 2, status: 'nope' })).status, 400);
  assert.is((await call(app, 'PATCH', `/api/solutions/${id}`, { version: 2, planned_end: '31.12.2028' })).status, 400);
  assert.is(
    (await call(app, 'PATCH', `/api/solutions/${id}`, { version: 2, owner_organisation_id: 9999 })).status,
    400,
  );
  assert.is((await call(app, 'PATCH', '/api/solutions/99999', { version: 1, status: 'planned' })).status, 404);
  assert.is((await call(app, 'POST', '/api/solutions', { name: '' })).status, 400);
  assert.is(await dumpDb(sqlite), before, 'rejected writes change nothing');

  const entries = sqlite
    .prepare('SELECT entity, action, changes FROM audit_log WHERE id > ? ORDER BY id')
    .all(audit) as { entity: string; action: string; changes: string }[];
  assert.equal(
    entries.map((e) => [e.entity, e.action]),
    [
      ['national_solution', 'create'],
      ['national_solution', 'update'],
    ],
  );
  assert.equal(JSON.parse(entries[1]!.changes).status, ['planned', 'in_progress']);
});

Write('every solution route is in the OpenAPI document', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/openapi.json');
  assert.ok(body.paths['/api/solutions']?.get);
  assert.ok(body.paths['/api/solutions']?.post);
  assert.ok(body.paths['/api/solutions/{id}']?.get);
  assert.ok(body.paths['/api/solutions/{id}']?.patch);
});

Write.run();
