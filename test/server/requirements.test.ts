import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, dumpDb, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely
const refsOf = (body: any): string[] => body.items.map((i: { ref: string }) => i.ref);
const range = (area: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${area}-${String(from + i).padStart(2, '0')}`);

// ---- listing and filters (read-only: one seeded app for the suite) -------------------------

const List = suite<Ctx>('GET /api/requirements');

List.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

List('lists all 38 seeded requirements in natural ref order with total', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/requirements');
  assert.is(status, 200);
  assert.is(body.total, 38);
  const refs = refsOf(body);
  assert.equal(refs.slice(0, 8), range('A1', 1, 8));
  assert.is(refs[refs.length - 1], 'A5-07');
  const first = body.items[0];
  assert.is(first.area_code, 'A1');
  assert.equal(first.articles, ['3']);
  assert.type(first.national_choice, 'boolean');
  assert.ok(Array.isArray(first.gap_dimensions));
});

List('limit and offset page through the list; total stays the full count', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?limit=5&offset=5');
  assert.is(body.total, 38);
  assert.equal(refsOf(body), ['A1-06', 'A1-07', 'A1-08', 'A2-01', 'A2-02']);
});

List('area=A2 gives exactly the A2 requirements', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?area=A2');
  assert.equal(refsOf(body), range('A2', 1, 8));
  assert.is(body.total, 8);
});

List('area takes comma-separated and repeated values alike', async ({ app }) => {
  const comma = await call(app, 'GET', '/api/requirements?area=A1,A5');
  const repeated = await call(app, 'GET', '/api/requirements?area=A1&area=A5');
  assert.equal(refsOf(comma.body), [...range('A1', 1, 8), ...range('A5', 1, 7)]);
  assert.equal(refsOf(repeated.body), refsOf(comma.body));
});

List('article=14 gives A2-04…A2-08; annexes and `Art. 23` spelling work too', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?article=14');
  assert.equal(refsOf(body), range('A2', 4, 8));
  const annex = await call(app, 'GET', '/api/requirements?article=Annex%20II');
  assert.equal(refsOf(annex.body), ['A3-01']);
  const art = await call(app, 'GET', '/api/requirements?article=Art.%2023');
  assert.equal(refsOf(art.body), ['A2-03', 'A5-02']);
});

List('deadline_before=2027-12-31 gives the A5 requirements (and A4-02), nothing later', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?deadline_before=2027-12-31');
  const refs = refsOf(body);
  for (const ref of range('A5', 1, 7)) assert.ok(refs.includes(ref), ref);
  assert.ok(refs.includes('A4-02'));
  assert.is(refs.length, 8);
  for (const item of body.items) assert.ok(item.deadline <= '2027-12-31', item.ref);
});

List('deadline gives the requirements due on that date', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?deadline=2031-03-26');
  assert.equal(refsOf(body), ['A2-06', 'A2-07', 'A2-08']);
});

List('category=d gives requirements tagged d only', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?category=d');
  const refs = refsOf(body);
  assert.ok(refs.includes('A2-06'));
  assert.not.ok(refs.includes('A2-05'));
  for (const item of body.items) assert.ok(item.categories.includes('d'), item.ref);
});

List('national_choice=true and =false split the list', async ({ app }) => {
  const yes = await call(app, 'GET', '/api/requirements?national_choice=true');
  const no = await call(app, 'GET', '/api/requirements?national_choice=false');
  assert.ok(yes.body.total > 0 && no.body.total > 0);
  assert.is(yes.body.total + no.body.total, 38);
  for (const item of yes.body.items) assert.is(item.national_choice, true);
  for (const item of no.body.items) assert.is(item.national_choice, false);
  assert.ok(refsOf(yes.body).includes('A1-01'));
  assert.ok(refsOf(no.body).includes('A1-02'));
});

List('reference_group gives the requirements in that group’s scope', async ({ app, db }) => {
  const group = await db
    .selectFrom('reference_group')
    .select('id')
    .where('name', '=', 'Pasientoppsummering')
    .executeTakeFirstOrThrow();
  const { body } = await call(app, 'GET', `/api/requirements?reference_group=${group.id}`);
  assert.equal(refsOf(body), ['A2-01', 'A2-02', 'A2-05']);
});

List('work_status filters by the assessment’s work status', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?work_status=in_progress');
  assert.ok(body.total > 0 && body.total < 38);
  for (const item of body.items) assert.is(item.work_status, 'in_progress');
});

List('q=reservasjon finds A1-06 and A4-07', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?q=reservasjon');
  const refs = refsOf(body);
  assert.ok(refs.includes('A1-06'));
  assert.ok(refs.includes('A4-07'));
  assert.not.ok(refs.includes('A1-01'));
});

List('q folds Norwegian upper case: ØNSKER (linked question) and OVERFØRING, SEKUNDÆRBRUK', async ({ app }) => {
  const upper = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent('ØNSKER')}`);
  const lower = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent('ønsker')}`);
  assert.ok(refsOf(upper.body).includes('A1-06'));
  assert.equal(refsOf(upper.body), refsOf(lower.body));
  const over = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent('OVERFØRING')}`);
  assert.ok(refsOf(over.body).includes('A2-02'));
  const sek = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent('SEKUNDÆRBRUK kontaktpunkt')}`);
  assert.ok(refsOf(sek.body).includes('A5-04'));
  assert.not.ok(refsOf(sek.body).includes('A1-01'));
});

List('q treats % and _ literally', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?q=%25');
  assert.is(body.total, 0);
});

List('filters combine with AND', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/requirements?area=A2&deadline=2029-03-26&category=a');
  assert.equal(refsOf(body), ['A2-01', 'A2-02', 'A2-05']);
});

List('sort=deadline&order=desc puts the 2031 requirements first; sort=ref&order=desc reverses', async ({ app }) => {
  const byDeadline = await call(app, 'GET', '/api/requirements?sort=deadline&order=desc');
  assert.equal(refsOf(byDeadline.body).slice(0, 3), ['A2-06', 'A2-07', 'A2-08']);
  const desc = await call(app, 'GET', '/api/requirements?sort=ref&order=desc&limit=2');
  assert.equal(refsOf(desc.body), ['A5-07', 'A5-06']);
  const byTitle = await call(app, 'GET', '/api/requirements?sort=title');
  const titles = byTitle.body.items.map((i: { title: string }) => i.title);
  assert.is(titles[0], 'Aksesstjenester');
});

List('invalid query values give 400 naming the parameter', async ({ app }) => {
  const cases: [string, string][] = [
    ['area=A9', 'area'],
    ['area=A1,B2', 'area'],
    ['coverage=good', 'coverage'],
    ['work_status=later', 'work_status'],
    ['deadline_before=2027-02-30', 'deadline_before'],
    ['deadline=tomorrow', 'deadline'],
    ['article=paragraph', 'article'],
    ['reference_group=abc', 'reference_group'],
    ['category=g', 'category'],
    ['national_choice=yes', 'national_choice'],
    ['sort=colour', 'sort'],
    ['order=up', 'order'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
  ];
  for (const [query, param] of cases) {
    const { status, body } = await call(app, 'GET', `/api/requirements?${query}`);
    assert.is(status, 400, query);
    assert.ok(body.error.message.includes(param), `${query}: ${body.error.message}`);
    assert.ok(
      body.error.issues.some((i: { field: string }) => i.field.startsWith(param)),
      query,
    );
  }
});

List.run();

// ---- one requirement -------------------------------------------------------------------------

const One = suite<Ctx>('GET /api/requirements/{ref}');

One.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

One('returns the requirement with articles, categories, assessment, groups, questions', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/requirements/A2-04');
  assert.is(status, 200);
  assert.is(body.ref, 'A2-04');
  assert.is(body.area_code, 'A2');
  assert.equal(
    body.articles.map((a: { pinpoint: string }) => a.pinpoint),
    ['14(1)(b)', '14(1)(c)'],
  );
  assert.match(body.articles[0].title_en, /Priority categories/);
  assert.equal(body.categories, ['b', 'c']);
  assert.is(body.assessment.coverage, 'not_assessed');
  assert.type(body.assessment.version, 'number');
  assert.equal(
    body.reference_groups.map((g: { name: string }) => g.name),
    ['E-resept og utlevering'],
  );
  assert.ok(body.questions.length > 0);
  assert.ok(Array.isArray(body.inputs));
  assert.is(body.search_text, undefined);
});

One('unknown ref gives 404 JSON', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/requirements/A9-99');
  assert.is(status, 404);
  assert.match(body.error.message, /A9-99/);
});

One.run();

// ---- create ------------------------------------------------------------------------------------

const Create = suite('POST /api/requirements');

const newRequirement = {
  ref: 'A1-09',
  title: 'Innsyn i logg over hvem som har sett journalen',
  description: 'Innbygger skal kunne se hvem som har hatt tilgang (art. 9).',
  articles: ['9', 'Annex II', 'Art. 14(1)(a)'],
  categories: ['a', 'b'],
  deadline: '2029-03-26',
  national_choice: true,
  reference_groups: ['Pasientoppsummering'],
  source: 'Test',
};

Create('creates a requirement: 201, area from the ref, links resolved, not_assessed', async () => {
  const { app } = await makeApp();
  const { status, body } = await call(app, 'POST', '/api/requirements', newRequirement);
  assert.is(status, 201, JSON.stringify(body));
  assert.is(body.ref, 'A1-09');
  assert.is(body.area_code, 'A1');
  assert.is(body.version, 1);
  assert.equal(
    body.articles.map((a: { pinpoint: string }) => a.pinpoint),
    ['9', 'Annex II', '14(1)(a)'],
  );
  assert.equal(body.categories, ['a', 'b']);
  assert.equal(
    body.reference_groups.map((g: { name: string }) => g.name),
    ['Pasientoppsummering'],
  );
  assert.is(body.assessment.coverage, 'not_assessed');
  assert.is(body.national_choice, true);
  const read = await call(app, 'GET', '/api/requirements/A1-09');
  assert.is(read.status, 200);
  const byArticle = await call(app, 'GET', '/api/requirements?article=9');
  assert.ok(refsOf(byArticle.body).includes('A1-09'));
  const byText = await call(app, 'GET', `/api/requirements?q=${encodeURIComponent('HVEM SOM HAR SETT')}`);
  assert.equal(refsOf(byText.body), ['A1-09']);
});

Create('a minimal body (ref and title) is enough', async () => {
  const { app } = await makeApp();
  const { status, body } = await call(app, 'POST', '/api/requirements', { ref: 'A5-08', title: 'Tilsyn' });
  assert.is(status, 201);
  assert.is(body.area_code, 'A5');
  assert.equal(body.articles, []);
  assert.is(body.deadline, null);
});

Create('refs have two to four digits: A3-1204 is taken and sorts after A3-999; five digits are refused', async () => {
  const { app } = await makeApp();
  for (const ref of ['A3-999', 'A3-1204']) {
    assert.is((await call(app, 'POST', '/api/requirements', { ref, title: `Krav ${ref}` })).status, 201, ref);
  }
  const five = await call(app, 'POST', '/api/requirements', { ref: 'A3-12045', title: 'For langt nummer' });
  assert.is(five.status, 400);
  assert.match(five.text, /2–4 digits/);
  const { body } = await call(app, 'GET', '/api/requirements?area=A3&sort=ref&order=desc&limit=2');
  assert.equal(refsOf(body), ['A3-1204', 'A3-999']);
  assert.is((await call(app, 'GET', '/api/requirements/A3-1204')).status, 200);
});

Create('sorting by ref is natural: A1-100 comes after A1-08 and before A2-01', async () => {
  const { app } = await makeApp();
  assert.is((await call(app, 'POST', '/api/requirements', { ref: 'A1-100', title: 'Hundre' })).status, 201);
  const { body } = await call(app, 'GET', '/api/requirements?area=A1,A2&limit=11');
  assert.equal(refsOf(body).slice(7, 10), ['A1-08', 'A1-100', 'A2-01']);
});

Create('rejected bodies give 400 and change nothing', async () => {
  const { app, sqlite } = await makeApp();
  const before = await dumpDb(sqlite);
  const cases: [unknown, RegExp][] = [
    [{ ...newRequirement, articles: ['9', '999', 'Annex IX'] }, /999.*Annex IX/],
    [{ ...newRequirement, area: 'A2' }, /A2.*A1-09/],
    [{ ...newRequirement, ref: 'X1-01' }, /ref/],
    [{ ...newRequirement, ref: 'A6-01' }, /ref/],
    [{ ...newRequirement, title: undefined }, /title/],
    [{ ...newRequirement, title: '   ' }, /title/i],
    [{ ...newRequirement, categories: ['g'] }, /categories/],
    [{ ...newRequirement, deadline: '2027-02-30' }, /deadline/],
    [{ ...newRequirement, national_choice: 'yes' }, /national_choice/],
    [{ ...newRequirement, reference_groups: ['Ukjent gruppe'] }, /Ukjent gruppe/],
    [{ ...newRequirement, colour: 'red' }, /colour/],
    ['{"ref": "A1-09", ', /JSON/i],
    [[1, 2], /body|expected object/i],
  ];
  for (const [body, message] of cases) {
    const res = await call(app, 'POST', '/api/requirements', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.match(JSON.stringify(res.body.error), message);
  }
  const unknown = await call(app, 'POST', '/api/requirements', { ...newRequirement, articles: ['999', 'Annex IX'] });
  assert.equal(unknown.body.error.unknown, ['999', 'Annex IX']);
  assert.is(await dumpDb(sqlite), before);
});

Create('a duplicate ref gives 409 and changes nothing', async () => {
  const { app, sqlite } = await makeApp();
  const before = await dumpDb(sqlite);
  const { status, body } = await call(app, 'POST', '/api/requirements', { ...newRequirement, ref: 'A1-01' });
  assert.is(status, 409);
  assert.match(body.error.message, /A1-01/);
  assert.is(await dumpDb(sqlite), before);
});

Create.run();

// ---- patch -------------------------------------------------------------------------------------

const Patch = suite('PATCH /api/requirements/{ref}');

Patch('changes the given fields only and increments the version', async () => {
  const { app } = await makeApp();
  const before = (await call(app, 'GET', '/api/requirements/A1-05')).body;
  const { status, body } = await call(app, 'PATCH', '/api/requirements/A1-05', {
    version: before.version,
    title: 'Skjerme opplysninger for innbyggere',
    categories: ['c', 'a'],
    articles: ['8', '9'],
  });
  assert.is(status, 200, JSON.stringify(body));
  assert.is(body.version, before.version + 1);
  assert.is(body.title, 'Skjerme opplysninger for innbyggere');
  assert.equal(body.categories, ['a', 'c']);
  assert.equal(
    body.articles.map((a: { pinpoint: string }) => a.pinpoint),
    ['8', '9'],
  );
  assert.is(body.description, before.description);
  assert.is(body.deadline, before.deadline);
  assert.is(body.source, before.source);
  const byArticle = await call(app, 'GET', '/api/requirements?article=9');
  assert.equal(refsOf(byArticle.body), ['A1-05']);
});

Patch('can rename the ref; the old ref is then 404', async () => {
  const { app } = await makeApp();
  const { status, body } = await call(app, 'PATCH', '/api/requirements/A5-07', { version: 1, ref: 'A5-17' });
  assert.is(status, 200);
  assert.is(body.ref, 'A5-17');
  assert.is((await call(app, 'GET', '/api/requirements/A5-07')).status, 404);
  assert.is((await call(app, 'GET', '/api/requirements/A5-17')).status, 200);
});

Patch('a stale version gives 409 with current and writes nothing', async () => {
  const { app, sqlite } = await makeApp();
  const first = await call(app, 'PATCH', '/api/requirements/A1-05', { version: 1, title: 'Første' });
  assert.is(first.status, 200);
  const before = await dumpDb(sqlite);
  const { status, body } = await call(app, 'PATCH', '/api/requirements/A1-05', { version: 1, title: 'Andre' });
  assert.is(status, 409);
  assert.is(body.error.current.title, 'Første');
  assert.is(body.error.current.version, 2);
  assert.is(await dumpDb(sqlite), before);
  assert.is((await call(app, 'GET', '/api/requirements/A1-05')).body.title, 'Første');
});

Patch('bad input gives 400, unknown ref 404, and nothing changes', async () => {
  const { app, sqlite } = await makeApp();
  const before = await dumpDb(sqlite);
  const bad: unknown[] = [
    { title: 'Uten versjon' },
    { version: '1', title: 'Tekst som versjon' },
    { version: 1, title: 42 },
    { version: 1, deadline: '2029-13-01' },
    { version: 1, area: 'A2' },
    { version: 1, articles: ['500'] },
    { version: 1, coverage: 'covered' },
    '{not json',
  ];
  for (const body of bad) {
    const res = await call(app, 'PATCH', '/api/requirements/A1-05', body);
    assert.is(res.status, 400, JSON.stringify(body));
    assert.type(res.body.error.message, 'string');
  }
  const missing = await call(app, 'PATCH', '/api/requirements/A9-99', { version: 1, title: 'x' });
  assert.is(missing.status, 404);
  assert.is(await dumpDb(sqlite), before);
});

Patch.run();
