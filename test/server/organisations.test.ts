import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, dumpDb, makeApp, TEST_EMAILS, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
}

const rows = <T = Record<string, unknown>>(sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  sqlite.prepare(sql).all(...params) as T[];
const scalar = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  Number(Object.values(sqlite.prepare(sql).get(...params) as object)[0]);

const Organisations = suite<Ctx>('organisations');

Organisations.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Organisations('lists all by name with their meeting and input counts', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/organisations?limit=1000');
  assert.is(res.status, 200);
  const expected = rows<{ id: number; meetings: number; inputs: number }>(
    sqlite,
    `SELECT o.id,
       (SELECT count(*) FROM meeting_organisation mo WHERE mo.organisation_id = o.id) AS meetings,
       (SELECT count(*) FROM input i WHERE i.organisation_id = o.id) AS inputs
     FROM organisation o`,
  );
  assert.ok(expected.length > 20);
  assert.is(res.body.total, expected.length);
  const names = res.body.items.map((o: { name: string }) => o.name);
  assert.equal(names, [...names].sort());
  for (const item of res.body.items) {
    const e = expected.find((x) => x.id === item.id)!;
    assert.is(item.meeting_count, e.meetings, item.name);
    assert.is(item.input_count, e.inputs, item.name);
  }
  assert.ok(res.body.items.some((o: { meeting_count: number }) => o.meeting_count > 0));
  const page = await call(app, 'GET', '/api/organisations?limit=3&offset=2');
  assert.equal(
    page.body.items.map((o: { id: number }) => o.id),
    res.body.items.slice(2, 5).map((o: { id: number }) => o.id),
  );
  assert.is(page.body.total, expected.length);
});

Organisations('filters by kind and searches names with æøå in any case', async ({ app, sqlite }) => {
  const kind = await call(app, 'GET', '/api/organisations?kind=health_region&limit=1000');
  const expected = scalar(sqlite, "SELECT count(*) FROM organisation WHERE kind = 'health_region'");
  assert.ok(expected > 0);
  assert.is(kind.body.total, expected);
  assert.ok(kind.body.items.every((o: { kind: string }) => o.kind === 'health_region'));
  for (const q of ['sør-øst', 'SØR-ØST', 'HSØ', 'helse sør']) {
    const res = await call(app, 'GET', `/api/organisations?q=${encodeURIComponent(q)}`);
    assert.ok(
      res.body.items.some((o: { name: string }) => o.name === 'Helse Sør-Øst RHF'),
      q,
    );
    assert.ok(res.body.total < scalar(sqlite, 'SELECT count(*) FROM organisation'), q);
  }
  const none = await call(app, 'GET', '/api/organisations?q=zzqx');
  assert.equal(none.body, { items: [], total: 0 });
  const both = await call(app, 'GET', `/api/organisations?kind=ministry&q=${encodeURIComponent('sør')}`);
  assert.is(both.body.total, 0);
});

Organisations('adds an organisation with an audit entry', async ({ app, sqlite }) => {
  const auditBefore = scalar(sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log');
  const res = await call(app, 'POST', '/api/organisations', {
    name: 'Tromsø kommune',
    short_name: 'Tromsø',
    kind: 'municipality',
  });
  assert.is(res.status, 201);
  assert.is(res.body.name, 'Tromsø kommune');
  assert.is(res.body.kind, 'municipality');
  assert.is(res.body.source, 'Registrert i ehds-gap');
  const audit = rows<{ actor: string; entity: string; entity_id: number; action: string; changes: string }>(
    sqlite,
    'SELECT * FROM audit_log WHERE id > ?',
    auditBefore,
  );
  assert.is(audit.length, 1);
  assert.is(audit[0]!.entity, 'organisation');
  assert.is(audit[0]!.entity_id, res.body.id);
  assert.is(audit[0]!.action, 'create');
  assert.is(audit[0]!.actor, TEST_EMAILS.analyst);
  assert.equal(JSON.parse(audit[0]!.changes).name, [null, 'Tromsø kommune']);
  const found = await call(app, 'GET', `/api/organisations?q=${encodeURIComponent('TROMSØ')}`);
  assert.equal(
    found.body.items.map((o: { id: number }) => o.id),
    [res.body.id],
  );
  const defaults = await call(app, 'POST', '/api/organisations', { name: 'Ny aktør' });
  assert.is(defaults.status, 201);
  assert.is(defaults.body.kind, 'other');
});

Organisations('a taken name (in any case) is 409; bad bodies are 400; nothing written', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  for (const name of ['Helse Sør-Øst RHF', 'helse sør-øst rhf', '  Helse Sør-Øst RHF  ']) {
    const res = await call(app, 'POST', '/api/organisations', { name, kind: 'health_region' });
    assert.is(res.status, 409, name);
    assert.is(res.body.error.current.name, 'Helse Sør-Øst RHF');
  }
  for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'X', kind: '' }, { name: 'X', id: 3 }]) {
    const res = await call(app, 'POST', '/api/organisations', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.type(res.body.error.message, 'string');
  }
  assert.is(await dumpDb(sqlite), before);
});

Organisations.run();
