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
const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id).sort((a, b) => a - b);
const column = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  rows<Record<string, number>>(sqlite, sql, ...params)
    .map((r) => Object.values(r)[0]!)
    .sort((a, b) => a - b);

const Meetings = suite<Ctx>('meetings');

Meetings.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Meetings('lists every meeting by date with organisations, areas and input count', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/meetings?limit=1000');
  assert.is(res.status, 200);
  const total = scalar(sqlite, 'SELECT count(*) FROM meeting');
  assert.ok(total >= 40);
  assert.is(res.body.total, total);
  const dates = res.body.items.map((m: { date: string }) => m.date);
  assert.equal(dates, [...dates].sort(), 'sorted by date');
  for (const m of res.body.items) {
    assert.equal(
      m.organisations.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b),
      column(sqlite, 'SELECT organisation_id FROM meeting_organisation WHERE meeting_id = ?', m.id),
    );
    assert.equal(
      m.areas,
      rows<{ area_code: string }>(
        sqlite,
        'SELECT area_code FROM meeting_area WHERE meeting_id = ? ORDER BY area_code',
        m.id,
      ).map((a) => a.area_code),
    );
    assert.is(m.input_count, scalar(sqlite, 'SELECT count(*) FROM input WHERE meeting_id = ?', m.id));
  }
  assert.ok(res.body.items.some((m: { input_count: number }) => m.input_count > 0));
  assert.ok(res.body.items.some((m: { organisations: unknown[] }) => m.organisations.length > 0));
});

Meetings('each filter narrows to exactly the matching meetings', async ({ app, sqlite }) => {
  const forum = rows<{ forum: string }>(
    sqlite,
    'SELECT forum FROM meeting WHERE forum IS NOT NULL GROUP BY forum ORDER BY count(*) DESC LIMIT 1',
  )[0]!.forum;
  const org = scalar(
    sqlite,
    'SELECT organisation_id FROM meeting_organisation GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1',
  );
  const area = rows<{ area_code: string }>(sqlite, 'SELECT area_code FROM meeting_area LIMIT 1')[0]!.area_code;
  const cases: [string, string, unknown[]][] = [
    ['from=2025-01-01', 'SELECT id FROM meeting WHERE date >= ?', ['2025-01-01']],
    ['to=2024-12-31', 'SELECT id FROM meeting WHERE date <= ?', ['2024-12-31']],
    [
      'from=2024-09-01&to=2024-10-31',
      'SELECT id FROM meeting WHERE date BETWEEN ? AND ?',
      ['2024-09-01', '2024-10-31'],
    ],
    [`forum=${encodeURIComponent(forum)}`, 'SELECT id FROM meeting WHERE forum = ?', [forum]],
    [`organisation=${org}`, 'SELECT meeting_id FROM meeting_organisation WHERE organisation_id = ?', [org]],
    [`area=${area}`, 'SELECT meeting_id FROM meeting_area WHERE area_code = ?', [area]],
  ];
  const all = scalar(sqlite, 'SELECT count(*) FROM meeting');
  for (const [query, sql, params] of cases) {
    const res = await call(app, 'GET', `/api/meetings?limit=1000&${query}`);
    assert.is(res.status, 200, query);
    const expected = column(sqlite, sql, ...params);
    assert.ok(expected.length > 0 && expected.length < all, `${query} narrows`);
    assert.equal(ids(res.body), expected, query);
    assert.is(res.body.total, expected.length, query);
  }
  for (const q of ['from=2025-02-30', 'to=yesterday', 'area=A8', 'organisation=abc']) {
    const res = await call(app, 'GET', `/api/meetings?${q}`);
    assert.is(res.status, 400, q);
    assert.type(res.body.error.message, 'string');
  }
});

Meetings('one meeting with the input it produced; unknown is 404', async ({ app, sqlite }) => {
  const id = scalar(sqlite, 'SELECT meeting_id FROM input WHERE meeting_id IS NOT NULL LIMIT 1');
  const res = await call(app, 'GET', `/api/meetings/${id}`);
  assert.is(res.status, 200);
  assert.is(res.body.id, id);
  assert.equal(
    res.body.inputs.map((i: { id: number }) => i.id),
    column(sqlite, 'SELECT id FROM input WHERE meeting_id = ?', id),
  );
  assert.is(res.body.input_count, res.body.inputs.length);
  assert.type(res.body.inputs[0].text, 'string');
  assert.is((await call(app, 'GET', '/api/meetings/99999')).status, 404);
  assert.is((await call(app, 'GET', '/api/meetings/first')).status, 400);
});

Meetings('adds a meeting with organisations and areas, audited', async ({ app, sqlite }) => {
  const orgs = column(sqlite, 'SELECT id FROM organisation ORDER BY id LIMIT 2');
  const auditBefore = scalar(sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log');
  const res = await call(app, 'POST', '/api/meetings', {
    date: '2026-01-15',
    title: 'Forankringsmøte sekundærbruk',
    forum: 'Bilateralt',
    organisation_ids: orgs,
    areas: ['A4', 'A1', 'A4'],
  });
  assert.is(res.status, 201);
  assert.is(res.body.date, '2026-01-15');
  assert.equal(res.body.areas, ['A1', 'A4']);
  assert.equal(
    res.body.organisations.map((o: { id: number }) => o.id).sort((a: number, b: number) => a - b),
    orgs,
  );
  assert.equal(res.body.inputs, []);
  assert.is(res.body.source, 'Registrert i ehds-gap');
  const audit = rows<{ actor: string; entity: string; entity_id: number; action: string; changes: string }>(
    sqlite,
    'SELECT * FROM audit_log WHERE id > ?',
    auditBefore,
  );
  assert.is(audit.length, 1);
  assert.is(audit[0]!.entity, 'meeting');
  assert.is(audit[0]!.entity_id, res.body.id);
  assert.is(audit[0]!.actor, TEST_EMAILS.analyst);
  assert.is(audit[0]!.action, 'create');
  assert.equal(JSON.parse(audit[0]!.changes).areas, [null, ['A1', 'A4']]);
  const listed = await call(app, 'GET', '/api/meetings?from=2026-01-15&to=2026-01-15&area=A4');
  assert.equal(ids(listed.body), [res.body.id]);
});

Meetings('duplicates are 409, unknown organisations and bad dates 400; nothing written', async ({ app, sqlite }) => {
  const existing = rows<{ date: string; title: string }>(sqlite, 'SELECT date, title FROM meeting LIMIT 1')[0]!;
  const before = await dumpDb(sqlite);
  const twin = await call(app, 'POST', '/api/meetings', existing);
  assert.is(twin.status, 409);
  assert.is(twin.body.error.current.title, existing.title);
  const unknownOrg = await call(app, 'POST', '/api/meetings', {
    date: '2026-02-01',
    title: 'Møte',
    organisation_ids: [1, 99999],
  });
  assert.is(unknownOrg.status, 400);
  assert.match(unknownOrg.body.error.message, /99999/);
  for (const body of [
    { date: '2026-02-30', title: 'Møte' },
    { date: '01.02.2026', title: 'Møte' },
    { date: '2026-02-01' },
    { date: '2026-02-01', title: '' },
    { date: '2026-02-01', title: 'Møte', areas: ['A9'] },
  ]) {
    assert.is((await call(app, 'POST', '/api/meetings', body)).status, 400, JSON.stringify(body));
  }
  assert.is(await dumpDb(sqlite), before);
});

Meetings.run();
