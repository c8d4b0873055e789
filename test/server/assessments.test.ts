import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, dumpDb, makeApp, TEST_EMAILS } from '../helpers.ts';

const PATH = '/api/requirements/A1-03/assessment';

/** A complete, valid PUT body for the version read. */
const body = (version: number, over: Record<string, unknown> = {}) => ({
  version,
  coverage: 'partially_covered',
  work_status: 'in_progress',
  gap_dimensions: ['technical', 'legal'],
  situation: 'Helsenorge gir fullmakt for noen tjenester; Økt bruk av representasjon er ønsket.',
  gap: 'Ingen helhetlig fullmaktstjeneste på tvers av aktører.',
  justification: '',
  responsible_organisation_id: null,
  ...over,
});

const Read = suite('GET /api/requirements/{ref}/assessment');

Read('returns the assessment with its version', async () => {
  const { app } = await makeApp();
  const { status, body: a } = await call(app, 'GET', PATH);
  assert.is(status, 200);
  assert.is(a.coverage, 'not_assessed');
  assert.type(a.version, 'number');
  assert.ok(Array.isArray(a.gap_dimensions));
  assert.is(a.requirement_id, undefined);
});

Read('unknown ref gives 404', async () => {
  const { app } = await makeApp();
  const { status, body: b } = await call(app, 'GET', '/api/requirements/A9-99/assessment');
  assert.is(status, 404);
  assert.type(b.error.message, 'string');
});

Read.run();

const Write = suite('PUT /api/requirements/{ref}/assessment');

Write('saves: 200 with the new assessment, version incremented, dimensions in fixed order', async () => {
  const { app, db } = await makeApp();
  const org = await db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('name', '=', 'Norsk helsenett SF')
    .executeTakeFirstOrThrow();
  const read = (await call(app, 'GET', PATH)).body;
  const res = await call(app, 'PUT', PATH, body(read.version, { responsible_organisation_id: org.id, source: 'Test' }));
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.version, read.version + 1);
  assert.is(res.body.coverage, 'partially_covered');
  assert.is(res.body.work_status, 'in_progress');
  assert.equal(res.body.gap_dimensions, ['legal', 'technical']);
  assert.is(res.body.responsible_organisation, org.name);
  assert.is(res.body.source, 'Test');
  assert.is(res.body.updated_by, TEST_EMAILS.analyst);
  const again = (await call(app, 'GET', PATH)).body;
  assert.equal(again, res.body);
  const detail = (await call(app, 'GET', '/api/requirements/A1-03')).body;
  assert.equal(detail.assessment, res.body);
});

Write('the list filters see the new coverage and work status', async () => {
  const { app } = await makeApp();
  const covered = async () =>
    (await call(app, 'GET', '/api/requirements?coverage=partially_covered')).body.items.map(
      (i: { ref: string }) => i.ref,
    );
  assert.not.ok((await covered()).includes('A1-03'));
  const read = (await call(app, 'GET', PATH)).body;
  await call(app, 'PUT', PATH, body(read.version, { work_status: 'in_review' }));
  assert.equal(await covered(), ['A1-03']);
  const review = await call(app, 'GET', '/api/requirements?work_status=in_review&coverage=partially_covered,covered');
  assert.equal(
    review.body.items.map((i: { ref: string }) => i.ref),
    ['A1-03'],
  );
});

Write('the situation text is searchable with Norwegian case folding', async () => {
  const { app } = await makeApp();
  const read = (await call(app, 'GET', PATH)).body;
  await call(app, 'PUT', PATH, body(read.version));
  for (const q of ['ØKT REPRESENTASJON', 'økt', 'fullmaktstjeneste']) {
    const { body: b } = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent(q)}`);
    assert.ok(
      b.items.some((i: { ref: string }) => i.ref === 'A1-03'),
      q,
    );
  }
});

Write('a stale version gives 409 with the stored assessment; the first writer’s text stays', async () => {
  const { app, sqlite } = await makeApp();
  const read = (await call(app, 'GET', PATH)).body;
  const first = await call(app, 'PUT', PATH, body(read.version, { situation: 'Første skriver sin tekst' }));
  assert.is(first.status, 200);
  const before = await dumpDb(sqlite);
  const second = await call(app, 'PUT', PATH, body(read.version, { situation: 'Andre skriver overskriver' }));
  assert.is(second.status, 409);
  assert.type(second.body.error.message, 'string');
  assert.is(second.body.error.current.situation, 'Første skriver sin tekst');
  assert.is(second.body.error.current.version, read.version + 1);
  assert.is(await dumpDb(sqlite), before);
  assert.is((await call(app, 'GET', PATH)).body.situation, 'Første skriver sin tekst');
  const retry = await call(app, 'PUT', PATH, body(second.body.error.current.version, { situation: 'Andre, flettet' }));
  assert.is(retry.status, 200);
  assert.is(retry.body.version, read.version + 2);
});

Write('two simultaneous writes of the same version: one wins, the other gets 409', async () => {
  const { app } = await makeApp();
  const read = (await call(app, 'GET', PATH)).body;
  const results = await Promise.all([
    call(app, 'PUT', PATH, body(read.version, { situation: 'Skriver A' })),
    call(app, 'PUT', PATH, body(read.version, { situation: 'Skriver B' })),
  ]);
  assert.equal(results.map((r) => r.status).sort(), [200, 409]);
  const winner = results.find((r) => r.status === 200)!.body;
  assert.is((await call(app, 'GET', PATH)).body.situation, winner.situation);
});

Write('a body that is not JSON gives 415 with a JSON error', async () => {
  const { app } = await makeApp();
  const res = await app.request(PATH, {
    method: 'PUT',
    headers: { 'content-type': 'text/plain' },
    body: 'coverage=covered',
  });
  assert.is(res.status, 415);
  const json = (await res.json()) as { error: { message: string } };
  assert.type(json.error.message, 'string');
});

Write('not_applicable needs a justification: 400 without, 200 with', async () => {
  const { app, sqlite } = await makeApp();
  const read = (await call(app, 'GET', PATH)).body;
  const before = await dumpDb(sqlite);
  for (const justification of ['', '   ']) {
    const res = await call(app, 'PUT', PATH, body(read.version, { coverage: 'not_applicable', justification }));
    assert.is(res.status, 400);
    assert.ok(res.body.error.issues.some((i: { field: string }) => i.field === 'justification'));
  }
  assert.is(await dumpDb(sqlite), before);
  const ok = await call(
    app,
    'PUT',
    PATH,
    body(read.version, { coverage: 'not_applicable', justification: 'Gjelder ikke Norge som EØS-land.' }),
  );
  assert.is(ok.status, 200);
  assert.is(ok.body.coverage, 'not_applicable');
});

Write('malformed JSON and wrong types give 400 with a JSON error, and nothing changes', async () => {
  const { app, sqlite } = await makeApp();
  const read = (await call(app, 'GET', PATH)).body;
  const before = await dumpDb(sqlite);
  const malformed = await call(app, 'PUT', PATH, '{"version": 1, "coverage": ');
  assert.is(malformed.status, 400);
  assert.match(malformed.body.error.message, /JSON/i);
  const cases: [Record<string, unknown>, string][] = [
    [body(read.version, { coverage: 'great' }), 'coverage'],
    [body(read.version, { work_status: 'finished' }), 'work_status'],
    [body(read.version, { gap_dimensions: 'legal' }), 'gap_dimensions'],
    [body(read.version, { gap_dimensions: ['financial'] }), 'gap_dimensions'],
    [body(read.version, { situation: 7 }), 'situation'],
    [body(read.version, { version: '1' }), 'version'],
    [body(read.version, { responsible_organisation_id: 'NHN' }), 'responsible_organisation_id'],
    [body(read.version, { responsible_organisation_id: 99999 }), 'responsible_organisation_id'],
    [body(read.version, { extra: true }), 'extra'],
  ];
  for (const [payload, field] of cases) {
    const res = await call(app, 'PUT', PATH, payload);
    assert.is(res.status, 400, field);
    assert.ok(Array.isArray(res.body.error.issues), field);
    assert.ok(JSON.stringify(res.body.error.issues).includes(field), `${field}: ${JSON.stringify(res.body.error)}`);
  }
  const { version: _v, ...noVersion } = body(read.version);
  const missing = await call(app, 'PUT', PATH, noVersion);
  assert.is(missing.status, 400);
  assert.ok(missing.body.error.issues.some((i: { field: string }) => i.field === 'version'));
  const { gap: _g, ...noGap } = body(read.version);
  assert.is((await call(app, 'PUT', PATH, noGap)).status, 400);
  assert.is(await dumpDb(sqlite), before);
});

Write('unknown ref gives 404, even with a not_applicable body lacking justification', async () => {
  const { app, sqlite } = await makeApp();
  const before = await dumpDb(sqlite);
  const res = await call(app, 'PUT', '/api/requirements/A9-99/assessment', body(1));
  assert.is(res.status, 404);
  const na = await call(app, 'PUT', '/api/requirements/A9-99/assessment', body(1, { coverage: 'not_applicable' }));
  assert.is(na.status, 404);
  assert.is(await dumpDb(sqlite), before);
});

Write.run();
