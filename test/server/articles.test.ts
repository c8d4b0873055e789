import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely
const numbersOf = (body: any): string[] => body.items.map((i: { number: string }) => i.number);

const List = suite<Ctx>('GET /api/articles');

List.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

List('lists the 105 articles in order, then the four annexes, with requirement refs', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/articles?limit=500');
  assert.is(status, 200);
  assert.is(body.total, 109);
  const numbers = numbersOf(body);
  assert.equal(numbers.slice(0, 3), ['1', '2', '3']);
  assert.equal(numbers.slice(-5), ['105', 'Annex I', 'Annex II', 'Annex III', 'Annex IV']);
  const art14 = body.items.find((i: { number: string }) => i.number === '14');
  assert.equal(art14.requirement_refs, ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08']);
  assert.is(art14.chapter, 'II');
  assert.is(art14.area_code, 'A2');
  for (const key of ['title_en', 'chapter_title', 'section', 'section_title', 'applies_from', 'applies_note']) {
    assert.ok(key in art14, key);
  }
  const art4 = body.items.find((i: { number: string }) => i.number === '4');
  assert.equal(art4.requirement_refs, ['A1-03', 'A1-08']);
  const annex2 = body.items.find((i: { number: string }) => i.number === 'Annex II');
  assert.is(annex2.kind, 'annex');
  assert.equal(annex2.requirement_refs, ['A3-01']);
});

List('limit and offset page; total is the full count', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/articles?limit=3&offset=10');
  assert.equal(numbersOf(body), ['11', '12', '13']);
  assert.is(body.total, 109);
});

List('chapter=IV gives chapter IV only', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/articles?chapter=IV&limit=500');
  assert.ok(body.total > 0);
  for (const item of body.items) assert.is(item.chapter, 'IV');
  assert.ok(numbersOf(body).includes('51'));
  assert.not.ok(numbersOf(body).includes('14'));
});

List('area=A3 gives the articles whose default area is A3', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/articles?area=A3&limit=500');
  assert.ok(body.total > 0);
  for (const item of body.items) assert.is(item.area_code, 'A3');
  assert.ok(numbersOf(body).includes('25'));
  assert.ok(numbersOf(body).includes('Annex II'));
});

List('q matches words in titles, case-insensitively', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/articles?q=PRIORITY%20categories&limit=500');
  assert.ok(numbersOf(body).includes('14'));
  for (const item of body.items) assert.match(item.title_en.toLowerCase(), /priority/);
  const none = await call(app, 'GET', '/api/articles?q=zzzz');
  assert.is(none.body.total, 0);
});

List('untraced=true gives only articles no requirement cites; false the cited ones', async ({ app }) => {
  const untraced = await call(app, 'GET', '/api/articles?untraced=true&limit=500');
  const traced = await call(app, 'GET', '/api/articles?untraced=false&limit=500');
  assert.is(untraced.body.total + traced.body.total, 109);
  for (const item of untraced.body.items) assert.equal(item.requirement_refs, []);
  for (const item of traced.body.items) assert.ok(item.requirement_refs.length > 0, item.number);
  assert.ok(numbersOf(untraced.body).includes('1'));
  assert.not.ok(numbersOf(untraced.body).includes('3'));
  assert.ok(numbersOf(traced.body).includes('Annex II'));
});

List('filters combine', async ({ app }) => {
  const { body } = await call(app, 'GET', '/api/articles?chapter=II&untraced=false&limit=500');
  for (const item of body.items) {
    assert.is(item.chapter, 'II');
    assert.ok(item.requirement_refs.length > 0);
  }
  assert.ok(numbersOf(body).includes('14'));
});

List('invalid query values give 400 naming the parameter', async ({ app }) => {
  for (const [query, param] of [
    ['chapter=X', 'chapter'],
    ['area=A6', 'area'],
    ['untraced=maybe', 'untraced'],
    ['limit=abc', 'limit'],
  ]) {
    const { status, body } = await call(app, 'GET', `/api/articles?${query}`);
    assert.is(status, 400, query);
    assert.ok(body.error.message.includes(param), body.error.message);
  }
});

List.run();

const One = suite<Ctx>('GET /api/articles/{number}');

One.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

One('article 14 with its requirements, implementing acts and principle questions', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/articles/14');
  assert.is(status, 200);
  assert.is(body.number, '14');
  assert.match(body.title_en, /Priority categories/);
  assert.equal(
    body.requirements.map((r: { ref: string }) => r.ref),
    ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08'],
  );
  const a204 = body.requirements[0];
  assert.is(a204.title, 'E-resept og utleveringer innen 2029');
  assert.is(a204.coverage, 'not_assessed');
  assert.is(a204.pinpoint, '14(1)(b), 14(1)(c)');
  assert.equal(a204.pinpoints, ['14(1)(b)', '14(1)(c)']);
  assert.equal(
    body.implementing_acts.map((a: { article_paragraph: string }) => a.article_paragraph),
    ['14(1)', '14(2)'],
  );
  const questions = body.questions.map((q: { ref: string }) => q.ref);
  for (const ref of ['PS-05', 'PS-06', 'PS-07']) assert.ok(questions.includes(ref), ref);
  assert.is(new Set(questions).size, questions.length);
});

One('coverage in the article view follows the assessment', async () => {
  const { app } = await makeApp();
  const read = (await call(app, 'GET', '/api/requirements/A2-05/assessment')).body;
  const put = await call(app, 'PUT', '/api/requirements/A2-05/assessment', {
    version: read.version,
    coverage: 'covered',
    work_status: 'done',
    gap_dimensions: [],
    situation: 'Kjernejournal',
    gap: '',
    justification: '',
  });
  assert.is(put.status, 200);
  const { body } = await call(app, 'GET', '/api/articles/14');
  assert.is(body.requirements.find((r: { ref: string }) => r.ref === 'A2-05').coverage, 'covered');
});

One('annexes are addressed as `Annex II` (any case, encoded)', async ({ app }) => {
  const { status, body } = await call(app, 'GET', '/api/articles/Annex%20II');
  assert.is(status, 200);
  assert.is(body.kind, 'annex');
  assert.equal(
    body.requirements.map((r: { ref: string }) => r.ref),
    ['A3-01'],
  );
  assert.is((await call(app, 'GET', '/api/articles/annex%20ii')).body.number, 'Annex II');
});

One('unknown articles give 404 JSON', async ({ app }) => {
  for (const path of ['/api/articles/999', '/api/articles/Annex%20IX', '/api/articles/foo']) {
    const { status, body } = await call(app, 'GET', path);
    assert.is(status, 404, path);
    assert.type(body.error.message, 'string');
  }
});

One.run();
