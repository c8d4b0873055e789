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
  rows<{ actor: string; entity: string; entity_ref: string | null; action: string; changes: string }>(
    sqlite,
    'SELECT * FROM audit_log WHERE id > ? ORDER BY id',
    id,
  ).map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]> }));

// ---------------------------------------------------------------------------------------------------
const List = suite<Ctx>('questions: list and filters');

List.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

List('lists every question with its links, options and input count', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/questions?limit=1000');
  assert.is(res.status, 200);
  const total = scalar(sqlite, 'SELECT count(*) FROM question');
  assert.ok(total > 30, 'seeded questions present');
  assert.is(res.body.total, total);
  assert.is(res.body.items.length, total);
  const links = rows<{ ref: string; req: string }>(
    sqlite,
    `SELECT q.ref, r.ref AS req FROM question_requirement qr
     JOIN question q ON q.id = qr.question_id JOIN requirement r ON r.id = qr.requirement_id`,
  );
  const counts = rows<{ ref: string; n: number }>(
    sqlite,
    'SELECT q.ref, count(*) AS n FROM input_question iq JOIN question q ON q.id = iq.question_id GROUP BY q.ref',
  );
  for (const item of res.body.items) {
    assert.ok(Array.isArray(item.options), item.ref);
    assert.ok(Array.isArray(item.articles), item.ref);
    assert.equal(
      item.requirement_refs,
      links
        .filter((l) => l.ref === item.ref)
        .map((l) => l.req)
        .sort(),
      item.ref,
    );
    assert.is(item.input_count, counts.find((c) => c.ref === item.ref)?.n ?? 0, item.ref);
    assert.is(item.search_text, undefined);
  }
  assert.ok(
    res.body.items.some((i: { input_count: number }) => i.input_count > 0),
    'some question has input',
  );
  const first = res.body.items.findIndex((i: { origin: string }) => i.origin === 'discretion');
  assert.ok(
    res.body.items.slice(0, first).every((i: { origin: string }) => i.origin === 'analysis'),
    'analysis questions come first',
  );
});

List('each filter narrows to exactly the matching questions', async ({ app, sqlite }) => {
  const moved = await call(app, 'PATCH', '/api/questions/PS-02', { version: 1, status: 'in_progress' });
  assert.is(moved.status, 200);
  const cases: [string, string, unknown[]][] = [
    ['area=A1', 'SELECT count(*) FROM question WHERE area_code = ?', ['A1']],
    ['status=in_progress', 'SELECT count(*) FROM question WHERE status = ?', ['in_progress']],
    ['status=open', 'SELECT count(*) FROM question WHERE status = ?', ['open']],
    ['origin=discretion', 'SELECT count(*) FROM question WHERE origin = ?', ['discretion']],
    ['origin=analysis', 'SELECT count(*) FROM question WHERE origin = ?', ['analysis']],
    [
      'requirement=A1-01',
      `SELECT count(*) FROM question_requirement qr JOIN requirement r ON r.id = qr.requirement_id WHERE r.ref = ?`,
      ['A1-01'],
    ],
    [
      'article=14',
      `SELECT count(DISTINCT qp.question_id) FROM question_provision qp JOIN provision p ON p.id = qp.provision_id
       WHERE p.number = ?`,
      ['14'],
    ],
  ];
  for (const [query, sql, params] of cases) {
    const res = await call(app, 'GET', `/api/questions?limit=1000&${query}`);
    assert.is(res.status, 200, query);
    const expected = scalar(sqlite, sql, ...params);
    assert.ok(expected > 0, `${query} has matches in the seeds`);
    assert.ok(expected < scalar(sqlite, 'SELECT count(*) FROM question'), `${query} narrows`);
    assert.is(res.body.total, expected, query);
    assert.is(res.body.items.length, expected, query);
  }
  const a1 = await call(app, 'GET', '/api/questions?area=A1&limit=1000');
  assert.ok(a1.body.items.every((i: { area_code: string }) => i.area_code === 'A1'));
  const byReq = await call(app, 'GET', '/api/questions?requirement=A1-01&limit=1000');
  assert.ok(byReq.body.items.every((i: { requirement_refs: string[] }) => i.requirement_refs.includes('A1-01')));
  const byArticle = await call(app, 'GET', '/api/questions?article=Art. 14(1)&limit=1000');
  assert.is(byArticle.body.total, scalar(sqlite, cases[6]![1], '14'), 'a citation finds its article');
  const combined = await call(app, 'GET', '/api/questions?origin=analysis&area=A2&limit=1000');
  assert.is(
    combined.body.total,
    scalar(sqlite, "SELECT count(*) FROM question WHERE origin = 'analysis' AND area_code = 'A2'"),
  );
});

List('full-text search folds Norwegian letters and needs every word', async ({ app }) => {
  for (const q of ['løsninger innsyn', 'LØSNINGER', 'Løsninger']) {
    const res = await call(app, 'GET', `/api/questions?q=${encodeURIComponent(q)}`);
    assert.is(res.status, 200);
    assert.ok(
      res.body.items.some((i: { ref: string }) => i.ref === 'PS-01'),
      q,
    );
    assert.ok(
      res.body.items.every((i: { text: string }) => /løsninger/i.test(i.text)),
      q,
    );
  }
  const none = await call(app, 'GET', `/api/questions?q=${encodeURIComponent('løsninger zzqx')}`);
  assert.is(none.body.total, 0);
  const wildcard = await call(app, 'GET', `/api/questions?q=${encodeURIComponent('%')}`);
  assert.is(wildcard.body.total, 0, '% is matched literally');
});

List('pages with limit and offset; bad filters are 400', async ({ app }) => {
  const all = await call(app, 'GET', '/api/questions?limit=1000');
  const page = await call(app, 'GET', '/api/questions?limit=5&offset=5');
  assert.is(page.body.total, all.body.total);
  assert.equal(
    page.body.items.map((i: { ref: string }) => i.ref),
    all.body.items.slice(5, 10).map((i: { ref: string }) => i.ref),
  );
  for (const q of ['status=closed', 'area=A9', 'origin=x', 'limit=0', 'offset=-1']) {
    const res = await call(app, 'GET', `/api/questions?${q}`);
    assert.is(res.status, 400, q);
    assert.type(res.body.error.message, 'string');
    assert.ok(Array.isArray(res.body.error.issues), q);
  }
});

List('one question carries its requirements, articles and input; unknown is 404', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/questions/PS-01');
  assert.is(res.status, 200);
  assert.is(res.body.ref, 'PS-01');
  assert.equal(
    res.body.requirements.map((r: { ref: string }) => r.ref),
    rows<{ ref: string }>(
      sqlite,
      `SELECT r.ref FROM question_requirement qr JOIN requirement r ON r.id = qr.requirement_id
       JOIN question q ON q.id = qr.question_id WHERE q.ref = 'PS-01' ORDER BY r.ref`,
    ).map((r) => r.ref),
  );
  const req = res.body.requirements[0];
  assert.type(req.title, 'string');
  assert.is(req.coverage, 'not_assessed');
  assert.ok(res.body.articles.length > 0);
  assert.type(res.body.articles[0].title_en, 'string');

  const withInput = rows<{ ref: string; n: number }>(
    sqlite,
    'SELECT q.ref, count(*) AS n FROM input_question iq JOIN question q ON q.id = iq.question_id GROUP BY q.ref',
  )[0]!;
  const other = await call(app, 'GET', `/api/questions/${withInput.ref}`);
  assert.is(other.body.inputs.length, withInput.n);
  assert.type(other.body.inputs[0].text, 'string');

  const missing = await call(app, 'GET', '/api/questions/PS-999');
  assert.is(missing.status, 404);
  assert.match(missing.body.error.message, /PS-999/);
});

// ---------------------------------------------------------------------------------------------------
const Create = suite<Ctx>('questions: create');

Create.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Create('assigns the next PS ref, links requirements and articles, and audits', async ({ app, sqlite }) => {
  const highest = Math.max(
    ...rows<{ ref: string }>(sqlite, "SELECT ref FROM question WHERE ref LIKE 'PS-%'").map((r) =>
      Number(r.ref.slice(3)),
    ),
  );
  const expectedRef = `PS-${String(highest + 1).padStart(2, '0')}`;
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'POST', '/api/questions', {
    text: 'Skal Norge kreve særskilt samtykke før deling på tvers av landegrenser?',
    area: 'A2',
    requirement_refs: ['A2-02', 'A1-01'],
    articles: ['Art. 14(1)(A)', '15'],
    options: ['Ja', 'Nei'],
  });
  assert.is(res.status, 201);
  assert.is(res.body.ref, expectedRef);
  assert.is(res.body.origin, 'analysis');
  assert.is(res.body.status, 'open');
  assert.is(res.body.version, 1);
  assert.equal(res.body.options, ['Ja', 'Nei']);
  assert.equal(
    res.body.requirements.map((r: { ref: string }) => r.ref),
    ['A1-01', 'A2-02'],
  );
  assert.equal(
    res.body.articles.map((a: { pinpoint: string }) => a.pinpoint),
    ['14(1)(a)', '15'],
  );

  const entries = auditSince(sqlite, audit);
  assert.is(entries.length, 1);
  const entry = entries[0]!;
  assert.is(entry.entity, 'question');
  assert.is(entry.entity_ref, expectedRef);
  assert.is(entry.action, 'create');
  assert.is(entry.actor, TEST_EMAILS.analyst);
  assert.equal(entry.changes.text, [null, 'Skal Norge kreve særskilt samtykke før deling på tvers av landegrenser?']);
  assert.equal(entry.changes.requirement_refs, [null, ['A1-01', 'A2-02']]);

  const found = await call(app, 'GET', `/api/questions?q=${encodeURIComponent('SÆRSKILT samtykke')}`);
  assert.equal(
    found.body.items.map((i: { ref: string }) => i.ref),
    [expectedRef],
  );
  const next = await call(app, 'POST', '/api/questions', { text: 'Et spørsmål til' });
  assert.is(next.body.ref, `PS-${String(highest + 2).padStart(2, '0')}`);
  assert.equal(next.body.requirements, []);
});

Create('refuses unknown refs and citations, naming them, and writes nothing', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  const unknownReq = await call(app, 'POST', '/api/questions', {
    text: 'Spørsmål',
    requirement_refs: ['A1-01', 'A9-99', 'ZZ-1'],
  });
  assert.is(unknownReq.status, 400);
  assert.match(unknownReq.body.error.message, /A9-99/);
  assert.match(unknownReq.body.error.message, /ZZ-1/);
  assert.equal(unknownReq.body.error.unknown, ['A9-99', 'ZZ-1']);
  const unknownArticle = await call(app, 'POST', '/api/questions', { text: 'Spørsmål', articles: ['3', '999'] });
  assert.is(unknownArticle.status, 400);
  assert.match(unknownArticle.body.error.message, /999/);
  for (const body of [
    {},
    { text: '' },
    { text: '   ' },
    { text: 'x', area: 'A7' },
    { text: 'x', status: 'closed' },
    { text: 'x', ref: 'PS-01' },
    { text: 'x', status: 'decided' },
  ]) {
    const res = await call(app, 'POST', '/api/questions', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.type(res.body.error.message, 'string');
  }
  const notJson = await call(app, 'POST', '/api/questions', '{not json');
  assert.is(notJson.status, 400);
  assert.is(await dumpDb(sqlite), before);
});

Create('the first question of an empty database is PS-01', async () => {
  const { app } = await makeApp({ seeded: false });
  const res = await call(app, 'POST', '/api/questions', { text: 'Første spørsmål' });
  assert.is(res.status, 201);
  assert.is(res.body.ref, 'PS-01');
  const list = await call(app, 'GET', '/api/questions');
  assert.is(list.body.total, 1);
  assert.equal(list.body.items[0].articles, []);
});

// ---------------------------------------------------------------------------------------------------
const Patch = suite<Ctx>('questions: update');

Patch.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Patch('deciding needs a decision; with one it saves, bumps the version and audits', async ({ app, sqlite }) => {
  const before = await dumpDb(sqlite);
  for (const body of [
    { version: 1, status: 'decided' },
    { version: 1, status: 'decided', decision: '   ' },
  ]) {
    const refused = await call(app, 'PATCH', '/api/questions/PS-01', body);
    assert.is(refused.status, 400);
    assert.match(refused.body.error.message, /decision/);
  }
  assert.is(await dumpDb(sqlite), before);

  const audit = lastAuditId(sqlite);
  const res = await call(app, 'PATCH', '/api/questions/PS-01', {
    version: 1,
    status: 'decided',
    decision: 'Helsenorge gir innsyn for alle aktører',
    rationale: 'Én inngang for innbyggeren',
    decision_owner: 'Helse- og omsorgsdepartementet',
  });
  assert.is(res.status, 200);
  assert.is(res.body.status, 'decided');
  assert.is(res.body.version, 2);
  assert.is(res.body.decision, 'Helsenorge gir innsyn for alle aktører');
  const entries = auditSince(sqlite, audit);
  assert.is(entries.length, 1);
  assert.is(entries[0]!.action, 'update');
  assert.is(entries[0]!.actor, TEST_EMAILS.analyst);
  assert.is(entries[0]!.entity_ref, 'PS-01');
  assert.equal(entries[0]!.changes.status, ['open', 'decided']);
  assert.equal(entries[0]!.changes.decision, ['', 'Helsenorge gir innsyn for alle aktører']);
  assert.is(entries[0]!.changes.text, undefined, 'unchanged fields are not logged');

  const blank = await call(app, 'PATCH', '/api/questions/PS-01', { version: 2, decision: '' });
  assert.is(blank.status, 400, 'a decided question cannot lose its decision');
  const searched = await call(app, 'GET', `/api/questions?q=${encodeURIComponent('én inngang')}`);
  assert.equal(
    searched.body.items.map((i: { ref: string }) => i.ref),
    ['PS-01'],
  );
});

Patch('a stale version gets 409 with the current question and changes nothing', async ({ app, sqlite }) => {
  const first = await call(app, 'PATCH', '/api/questions/PS-02', { version: 1, status: 'in_progress' });
  assert.is(first.status, 200);
  const before = await dumpDb(sqlite);
  const stale = await call(app, 'PATCH', '/api/questions/PS-02', { version: 1, text: 'Overskrevet' });
  assert.is(stale.status, 409);
  assert.is(stale.body.error.current.version, 2);
  assert.is(stale.body.error.current.status, 'in_progress');
  assert.is(await dumpDb(sqlite), before);
});

Patch(
  'relinks requirements and articles; unknown ones are 400 and 404 for unknown questions',
  async ({ app, sqlite }) => {
    const audit = lastAuditId(sqlite);
    const res = await call(app, 'PATCH', '/api/questions/PS-01', {
      version: 1,
      requirement_refs: ['A1-02', 'A1-01'],
      articles: ['3', '7'],
      options: ['Helsenorge', 'Hver aktør'],
    });
    assert.is(res.status, 200);
    assert.equal(
      res.body.requirements.map((r: { ref: string }) => r.ref),
      ['A1-01', 'A1-02'],
    );
    assert.equal(
      res.body.articles.map((a: { pinpoint: string }) => a.pinpoint),
      ['3', '7'],
    );
    const byReq = await call(app, 'GET', '/api/questions?requirement=A1-02&limit=1000');
    assert.ok(byReq.body.items.some((i: { ref: string }) => i.ref === 'PS-01'));
    const changes = auditSince(sqlite, audit)[0]!.changes;
    assert.equal(changes.requirement_refs, [['A1-01'], ['A1-01', 'A1-02']]);
    assert.equal(changes.options, [[], ['Helsenorge', 'Hver aktør']]);

    const before = await dumpDb(sqlite);
    const bad = await call(app, 'PATCH', '/api/questions/PS-01', { version: 2, requirement_refs: ['A1-01', 'X-9'] });
    assert.is(bad.status, 400);
    assert.match(bad.body.error.message, /X-9/);
    const missing = await call(app, 'PATCH', '/api/questions/PS-404', { version: 1, status: 'open' });
    assert.is(missing.status, 404);
    const noVersion = await call(app, 'PATCH', '/api/questions/PS-01', { status: 'open' });
    assert.is(noVersion.status, 400);
    const unknownField = await call(app, 'PATCH', '/api/questions/PS-01', { version: 2, origin: 'discretion' });
    assert.is(unknownField.status, 400);
    assert.is(await dumpDb(sqlite), before);
  },
);

Patch('a change that changes nothing keeps the version and logs nothing', async ({ app, sqlite }) => {
  const current = await call(app, 'GET', '/api/questions/PS-03');
  const audit = lastAuditId(sqlite);
  const res = await call(app, 'PATCH', '/api/questions/PS-03', {
    version: 1,
    text: current.body.text,
    requirement_refs: current.body.requirements.map((r: { ref: string }) => r.ref),
  });
  assert.is(res.status, 200);
  assert.is(res.body.version, 1);
  assert.is(auditSince(sqlite, audit).length, 0);
});

Patch('questions citing unusual paragraphs (from the regulation) can still be edited', async ({ app, sqlite }) => {
  const odd = rows<{ ref: string; pinpoint: string }>(
    sqlite,
    `SELECT q.ref, qp.pinpoint FROM question_provision qp JOIN question q ON q.id = qp.question_id
     WHERE qp.pinpoint LIKE '% %' ORDER BY q.ref`,
  )[0];
  if (!odd) return;
  const res = await call(app, 'PATCH', `/api/questions/${odd.ref}`, { version: 1, status: 'in_progress' });
  assert.is(res.status, 200);
  assert.ok(res.body.articles.some((a: { pinpoint: string }) => a.pinpoint === odd.pinpoint));
  const resent = await call(app, 'PATCH', `/api/questions/${odd.ref}`, {
    version: 2,
    articles: res.body.articles.map((a: { pinpoint: string }) => a.pinpoint),
  });
  assert.is(resent.status, 200, 'sending the articles back unchanged is accepted');
  assert.is(resent.body.version, 2);
});

List.run();
Create.run();
Patch.run();
