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
const lastAuditId = (sqlite: Database.Database) => scalar(sqlite, 'SELECT coalesce(max(id), 0) FROM audit_log');
const auditSince = (sqlite: Database.Database, id: number) =>
  rows<{ actor: string; entity: string; entity_id: number; action: string; changes: string }>(
    sqlite,
    'SELECT * FROM audit_log WHERE id > ? ORDER BY id',
    id,
  ).map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]> }));
const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

// ---------------------------------------------------------------------------------------------------
const List = suite<Ctx>('inputs: list and filters');

List.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

List('lists all input, pending at first, with refs and meeting', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/inputs?limit=1000');
  assert.is(res.status, 200);
  const total = scalar(sqlite, 'SELECT count(*) FROM input');
  assert.ok(total >= 30);
  assert.is(res.body.total, total);
  assert.ok(res.body.items.every((i: { disposition: string }) => i.disposition === 'pending'));
  const reqLinks = rows<{ input_id: number; ref: string }>(
    sqlite,
    'SELECT ir.input_id, r.ref FROM input_requirement ir JOIN requirement r ON r.id = ir.requirement_id ORDER BY r.ref',
  );
  const qLinks = rows<{ input_id: number; ref: string }>(
    sqlite,
    'SELECT iq.input_id, q.ref FROM input_question iq JOIN question q ON q.id = iq.question_id ORDER BY q.ref',
  );
  const meetings = rows<{ id: number; date: string; title: string }>(
    sqlite,
    'SELECT i.id, m.date, m.title FROM input i JOIN meeting m ON m.id = i.meeting_id',
  );
  assert.ok(meetings.length > 0);
  for (const item of res.body.items) {
    assert.equal(
      item.requirement_refs,
      reqLinks.filter((l) => l.input_id === item.id).map((l) => l.ref),
    );
    assert.equal(
      item.question_refs,
      qLinks.filter((l) => l.input_id === item.id).map((l) => l.ref),
    );
    const meeting = meetings.find((m) => m.id === item.id);
    assert.is(item.meeting_date, meeting?.date ?? null);
    assert.is(item.meeting_title, meeting?.title ?? null);
    assert.is(item.search_text, undefined);
  }
});

List('each filter narrows to exactly the matching input', async ({ app, sqlite }) => {
  const org = scalar(sqlite, "SELECT id FROM organisation WHERE name = 'Helse Sør-Øst RHF'");
  const created = await call(app, 'POST', '/api/inputs', {
    text: 'Innspill fra regionen',
    type: 'objection',
    area: 'A3',
    organisation_id: org,
    requirement_refs: ['A3-01'],
  });
  assert.is(created.status, 201);
  await call(app, 'PUT', '/api/inputs/1/disposition', {
    version: 1,
    disposition: 'noted',
    reason: 'Tatt til etterretning',
  });
  const meeting = scalar(sqlite, 'SELECT meeting_id FROM input WHERE meeting_id IS NOT NULL LIMIT 1');
  const question = rows<{ ref: string }>(
    sqlite,
    'SELECT q.ref FROM input_question iq JOIN question q ON q.id = iq.question_id LIMIT 1',
  )[0]!.ref;
  const requirement = rows<{ ref: string }>(
    sqlite,
    'SELECT r.ref FROM input_requirement ir JOIN requirement r ON r.id = ir.requirement_id LIMIT 1',
  )[0]!.ref;
  const cases: [string, string, unknown[]][] = [
    ['disposition=noted', 'SELECT id FROM input WHERE disposition = ?', ['noted']],
    ['disposition=pending', 'SELECT id FROM input WHERE disposition = ?', ['pending']],
    ['type=objection', 'SELECT id FROM input WHERE type = ?', ['objection']],
    ['area=A2', 'SELECT id FROM input WHERE area_code = ?', ['A2']],
    [`organisation=${org}`, 'SELECT id FROM input WHERE organisation_id = ?', [org]],
    [`meeting=${meeting}`, 'SELECT id FROM input WHERE meeting_id = ?', [meeting]],
    [
      `requirement=${requirement}`,
      'SELECT ir.input_id FROM input_requirement ir JOIN requirement r ON r.id = ir.requirement_id WHERE r.ref = ?',
      [requirement],
    ],
    [
      `question=${question}`,
      'SELECT iq.input_id FROM input_question iq JOIN question q ON q.id = iq.question_id WHERE q.ref = ?',
      [question],
    ],
  ];
  const all = scalar(sqlite, 'SELECT count(*) FROM input');
  for (const [query, sql, params] of cases) {
    const res = await call(app, 'GET', `/api/inputs?limit=1000&${query}`);
    assert.is(res.status, 200, query);
    const expected = rows<Record<string, number>>(sqlite, `${sql} ORDER BY 1`, ...params).map(
      (r) => Object.values(r)[0],
    );
    assert.ok(expected.length > 0 && expected.length < all, `${query} narrows`);
    assert.equal(ids(res.body), expected, query);
    assert.is(res.body.total, expected.length, query);
  }
  const byOrg = await call(app, 'GET', `/api/inputs?organisation=${org}`);
  assert.is(byOrg.body.items[0].organisation, 'Helse Sør-Øst RHF');
  const none = await call(app, 'GET', '/api/inputs?requirement=A9-99');
  assert.equal(none.body, { items: [], total: 0 });
});

List('full-text search folds Norwegian letters', async ({ app, sqlite }) => {
  const expected = rows<{ id: number }>(sqlite, "SELECT id FROM input WHERE text LIKE '%kontroll på egne%'").map(
    (r) => r.id,
  );
  assert.ok(expected.length > 0);
  for (const q of ['kontroll PÅ EGNE', 'Kontroll på egne']) {
    const res = await call(app, 'GET', `/api/inputs?q=${encodeURIComponent(q)}`);
    assert.equal(ids(res.body), expected, q);
  }
  const none = await call(app, 'GET', `/api/inputs?q=${encodeURIComponent('kontroll zzqx')}`);
  assert.is(none.body.total, 0);
});

List('one input by id; unknown is 404, not a number is 400; bad filters 400', async ({ app }) => {
  const res = await call(app, 'GET', '/api/inputs/1');
  assert.is(res.status, 200);
  assert.is(res.body.id, 1);
  assert.type(res.body.text, 'string');
  const missing = await call(app, 'GET', '/api/inputs/99999');
  assert.is(missing.status, 404);
  assert.type(missing.body.error.message, 'string');
  assert.is((await call(app, 'GET', '/api/inputs/abc')).status, 400);
  for (const q of ['disposition=maybe', 'type=rant', 'organisation=x', 'area=A0']) {
    assert.is((await call(app, 'GET', `/api/inputs?${q}`)).status, 400, q);
  }
});

// ---------------------------------------------------------------------------------------------------
const Create = suite<Ctx>('inputs: register');

Create.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Create('registers input as pending with the default source, links, and an audit entry', async ({ app, sqlite }) => {
  const meeting = rows<{ id: number; date: string; title: string }>(
    sqlite,
    'SELECT id, date, title FROM meeting ORDER BY id LIMIT 1',
  )[0]!;
  const org = scalar(sqlite, 'SELECT id FROM organisation ORDER BY id LIMIT 1');
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'POST', '/api/inputs', {
    text: 'Økt strukturering må ikke gå ut over journalføringen',
    type: 'proposed_change',
    area: 'A2',
    requirement_refs: ['A2-08', 'A2-05'],
    question_refs: ['PS-03'],
    organisation_id: org,
    meeting_id: meeting.id,
  });
  assert.is(res.status, 201);
  assert.is(res.body.disposition, 'pending');
  assert.is(res.body.disposition_reason, '');
  assert.is(res.body.source, 'Registrert i ehds-gap');
  assert.is(res.body.version, 1);
  assert.equal(res.body.requirement_refs, ['A2-05', 'A2-08']);
  assert.equal(res.body.question_refs, ['PS-03']);
  assert.is(res.body.meeting_date, meeting.date);
  assert.is(res.body.meeting_title, meeting.title);
  assert.type(res.body.organisation, 'string');

  const entries = auditSince(sqlite, audit);
  assert.is(entries.length, 1);
  assert.is(entries[0]!.entity, 'input');
  assert.is(entries[0]!.entity_id, res.body.id);
  assert.is(entries[0]!.action, 'create');
  assert.is(entries[0]!.actor, TEST_EMAILS.analyst);
  assert.equal(entries[0]!.changes.text, [null, 'Økt strukturering må ikke gå ut over journalføringen']);

  const onQuestion = await call(app, 'GET', '/api/questions/PS-03');
  assert.ok(onQuestion.body.inputs.some((i: { id: number }) => i.id === res.body.id));
  const found = await call(app, 'GET', `/api/inputs?q=${encodeURIComponent('ØKT strukturering JOURNALFØRINGEN')}`);
  assert.equal(ids(found.body), [res.body.id]);

  const minimal = await call(app, 'POST', '/api/inputs', { text: 'Kort', type: 'comment', source: 'E-post 3. mars' });
  assert.is(minimal.status, 201);
  assert.is(minimal.body.source, 'E-post 3. mars');
  assert.is(minimal.body.area_code, null);
  assert.is(minimal.body.organisation, null);
});

Create('refuses unknown refs and ids, naming them, and writes nothing', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ requirement_refs: ['A1-01', 'A9-99'] }, /A9-99/],
    [{ question_refs: ['PS-999'] }, /PS-999/],
    [{ organisation_id: 99999 }, /99999/],
    [{ meeting_id: 88888 }, /88888/],
  ];
  for (const [extra, pattern] of cases) {
    const res = await call(app, 'POST', '/api/inputs', { text: 'Innspill', type: 'comment', ...extra });
    assert.is(res.status, 400, JSON.stringify(extra));
    assert.match(res.body.error.message, pattern);
  }
  for (const body of [
    { type: 'comment' },
    { text: 'x' },
    { text: 'x', type: 'rant' },
    { text: ' ', type: 'comment' },
    { text: 'x', type: 'comment', area: 'A6' },
    { text: 'x', type: 'comment', disposition: 'accepted' },
  ]) {
    assert.is((await call(app, 'POST', '/api/inputs', body)).status, 400, JSON.stringify(body));
  }
  assert.is(await dumpDb(sqlite), before);
});

// ---------------------------------------------------------------------------------------------------
const Disposition = suite<Ctx>('inputs: disposition');

Disposition.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Disposition('anything but pending needs a reason', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  for (const body of [
    { version: 1, disposition: 'accepted' },
    { version: 1, disposition: 'rejected', reason: '' },
    { version: 1, disposition: 'noted', reason: '   ' },
    { version: 1, disposition: 'partially_accepted', reason: '\n' },
  ]) {
    const res = await call(app, 'PUT', '/api/inputs/2/disposition', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.match(res.body.error.message, /reason/);
  }
  for (const body of [
    { disposition: 'accepted', reason: 'x' },
    { version: 1, disposition: 'maybe', reason: 'x' },
    { version: 1, reason: 'x' },
  ]) {
    assert.is((await call(app, 'PUT', '/api/inputs/2/disposition', body)).status, 400, JSON.stringify(body));
  }
  assert.is(await dumpDb(sqlite), before);
});

Disposition('with a reason it saves, bumps the version and logs old → new', async ({ app, sqlite }) => {
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'PUT', '/api/inputs/2/disposition', {
    version: 1,
    disposition: 'accepted',
    reason: 'Tas inn i vurderingen av A1-07 (identifikasjon)',
  });
  assert.is(res.status, 200);
  assert.is(res.body.disposition, 'accepted');
  assert.is(res.body.disposition_reason, 'Tas inn i vurderingen av A1-07 (identifikasjon)');
  assert.is(res.body.version, 2);
  const entries = auditSince(sqlite, audit);
  assert.is(entries.length, 1);
  assert.is(entries[0]!.entity, 'input');
  assert.is(entries[0]!.entity_id, 2);
  assert.is(entries[0]!.action, 'update');
  assert.is(entries[0]!.actor, TEST_EMAILS.analyst);
  assert.equal(entries[0]!.changes.disposition, ['pending', 'accepted']);
  assert.equal(entries[0]!.changes.disposition_reason, ['', 'Tas inn i vurderingen av A1-07 (identifikasjon)']);

  const back = await call(app, 'PUT', '/api/inputs/2/disposition', { version: 2, disposition: 'pending' });
  assert.is(back.status, 200, 'back to pending needs no reason');
  assert.is(back.body.version, 3);
  const pending = await call(app, 'GET', '/api/inputs?disposition=pending&limit=1000');
  assert.ok(ids(pending.body).includes(2));
});

Disposition('a stale version gets 409 with the current input and changes nothing', async ({ app, sqlite }) => {
  await call(app, 'PUT', '/api/inputs/3/disposition', { version: 1, disposition: 'noted', reason: 'Notert' });
  const before = await dumpDb(sqlite);
  const stale = await call(app, 'PUT', '/api/inputs/3/disposition', {
    version: 1,
    disposition: 'rejected',
    reason: 'Utenfor omfang',
  });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.current.version, 2);
  assert.is(stale.body.error.current.disposition, 'noted');
  assert.is(stale.body.error.current.disposition_reason, 'Notert');
  assert.is(await dumpDb(sqlite), before);
  const missing = await call(app, 'PUT', '/api/inputs/99999/disposition', { version: 1, disposition: 'pending' });
  assert.is(missing.status, 404);
  assert.is(await dumpDb(sqlite), before);
});

List.run();
Create.run();
Disposition.run();
