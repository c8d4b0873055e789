import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../../server/lib/csv.ts';
import { call, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;
type Row = Record<string, number>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely
type Body = any;

const count = (ctx: Ctx, sql: string, ...params: unknown[]) => (ctx.sqlite.prepare(sql).get(...params) as Row).n;
const articleOf = (body: Body, number: string) => body.articles.find((a: { number: string }) => a.number === number);
const refsOf = (article: { requirements: { ref: string }[] }) => article.requirements.map((r) => r.ref);

const Trace = suite<Ctx>('GET /api/trace');

Trace.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Trace('without filters: every article and annex, totals equal independent SQL counts', async (ctx) => {
  const { status, body } = await call(ctx.app, 'GET', '/api/trace');
  assert.is(status, 200);
  assert.is(body.articles.length, count(ctx, 'SELECT count(*) n FROM provision'));
  assert.is(body.totals.articles, 109);
  assert.is(
    body.totals.untraced,
    count(
      ctx,
      'SELECT count(*) n FROM provision p WHERE NOT EXISTS (SELECT 1 FROM requirement_provision rp WHERE rp.provision_id = p.id)',
    ),
  );
  assert.is(body.totals.requirements, count(ctx, 'SELECT count(*) n FROM requirement'));
  assert.is(
    body.totals.not_assessed,
    count(
      ctx,
      "SELECT count(*) n FROM requirement r LEFT JOIN assessment a ON a.requirement_id = r.id WHERE coalesce(a.coverage, 'not_assessed') = 'not_assessed'",
    ),
  );
  assert.is(body.not_assessed.length, body.totals.not_assessed);
  assert.is(
    body.totals.links,
    count(ctx, 'SELECT count(*) n FROM (SELECT DISTINCT requirement_id, provision_id FROM requirement_provision)'),
  );
  const cells = body.articles.reduce((n: number, a: { requirements: unknown[] }) => n + a.requirements.length, 0);
  assert.is(cells, body.totals.links);
  assert.equal(
    body.articles.slice(-4).map((a: { number: string }) => a.number),
    ['Annex I', 'Annex II', 'Annex III', 'Annex IV'],
  );
});

Trace('article 14 traces to A2-04…A2-08 with coverage and citations; article 1 is untraced', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/trace');
  const art14 = articleOf(body, '14');
  assert.equal(refsOf(art14), ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08']);
  assert.is(art14.applies_from, '2029-03-26');
  const a204 = art14.requirements[0];
  assert.is(a204.pinpoint, '14(1)(b), 14(1)(c)');
  assert.is(a204.coverage, 'not_assessed');
  assert.is(a204.area_code, 'A2');
  const art1 = articleOf(body, '1');
  assert.ok(art1, 'article 1 is listed');
  assert.equal(art1.requirements, []);
});

Trace('question refs, input counts and pending counts per requirement match the link tables', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/trace');
  for (const article of body.articles) {
    for (const r of article.requirements) {
      const id = count(ctx, 'SELECT id n FROM requirement WHERE ref = ?', r.ref);
      assert.is(
        r.questions.length,
        count(ctx, 'SELECT count(*) n FROM question_requirement WHERE requirement_id = ?', id),
        r.ref,
      );
      assert.is(
        r.input_count,
        count(ctx, 'SELECT count(*) n FROM input_requirement WHERE requirement_id = ?', id),
        r.ref,
      );
      assert.is(
        r.pending_input_count,
        count(
          ctx,
          "SELECT count(*) n FROM input_requirement ir JOIN input i ON i.id = ir.input_id WHERE ir.requirement_id = ? AND i.disposition = 'pending'",
          id,
        ),
        r.ref,
      );
    }
  }
  const a101 = articleOf(body, '3').requirements.find((r: { ref: string }) => r.ref === 'A1-01');
  assert.ok(a101.questions.some((q: { ref: string; status: string }) => q.ref === 'NV-01' && q.status === 'open'));
});

Trace('a decided question and a dispositioned input show in the matrix', async (ctx) => {
  const created = await call(ctx.app, 'POST', '/api/questions', {
    text: 'Sporbarhetstest',
    area: 'A2',
    requirement_refs: ['A2-05'],
    status: 'decided',
    decision: 'Ja',
  });
  assert.is(created.status, 201);
  const input = await call(ctx.app, 'POST', '/api/inputs', {
    text: 'Innspill',
    type: 'comment',
    requirement_refs: ['A2-05'],
  });
  const before = articleOf((await call(ctx.app, 'GET', '/api/trace?area=A2')).body, '14').requirements[1];
  await call(ctx.app, 'PUT', `/api/inputs/${input.body.id}/disposition`, {
    version: 1,
    disposition: 'noted',
    reason: 'Ok',
  });
  const after = articleOf((await call(ctx.app, 'GET', '/api/trace?area=A2')).body, '14').requirements[1];
  assert.is(after.ref, 'A2-05');
  assert.ok(
    after.questions.some((q: { ref: string; status: string }) => q.ref === created.body.ref && q.status === 'decided'),
  );
  assert.is(after.input_count, before.input_count);
  assert.is(after.pending_input_count, before.pending_input_count - 1);
});

Trace('measures, their solutions and deadline risk per requirement match the link tables', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/trace');
  for (const article of body.articles) {
    for (const r of article.requirements) {
      const id = count(ctx, 'SELECT id n FROM requirement WHERE ref = ?', r.ref);
      assert.is(
        r.measures.length,
        count(ctx, 'SELECT count(*) n FROM measure_requirement WHERE requirement_id = ?', id),
        r.ref,
      );
      assert.is(
        r.solutions.length,
        count(
          ctx,
          `SELECT count(DISTINCT ms.solution_id) n FROM measure_requirement mr
           JOIN measure_solution ms ON ms.measure_id = mr.measure_id WHERE mr.requirement_id = ?`,
          id,
        ),
        r.ref,
      );
      const one = (await call(ctx.app, 'GET', `/api/requirements/${r.ref}`)).body;
      assert.is(r.at_risk, one.at_risk, r.ref);
      assert.is(r.at_risk_reason, one.at_risk_reason, r.ref);
    }
  }
  const a205 = articleOf(body, '14').requirements.find((r: { ref: string }) => r.ref === 'A2-05');
  assert.ok(a205.measures.some((m: { title: string }) => m.title === 'Kritisk info hos andre helseaktører'));
  assert.ok(a205.measures.every((m: { in_time: boolean; planned_end: null }) => !m.in_time && m.planned_end === null));
  assert.equal(
    a205.solutions.map((s: { name: string }) => s.name),
    ['Kjernejournal', 'Pasientens kritiske informasjon'],
  );
  assert.is(a205.at_risk_reason, 'late_measures');
});

Trace('a measure ending on the deadline is in time and lifts the risk; a day later it is late', async (ctx) => {
  const a206 = async () =>
    articleOf((await call(ctx.app, 'GET', '/api/trace?area=A2')).body, '14').requirements.find(
      (r: { ref: string }) => r.ref === 'A2-06',
    );
  const before = await a206();
  assert.equal(before.measures, []);
  assert.equal(before.solutions, []);
  assert.is(before.at_risk_reason, 'no_measure');
  const created = await call(ctx.app, 'POST', '/api/measures', {
    title: 'Medisinske bilder i tide',
    status: 'planned',
    planned_end: before.deadline,
    requirements: [{ ref: 'A2-06' }],
    solution_ids: [(await call(ctx.app, 'GET', '/api/solutions?q=kjernejournal')).body.items[0].id],
  });
  assert.is(created.status, 201);
  const onTime = await a206();
  assert.equal(
    onTime.measures.map((m: { title: string; in_time: boolean; planned_end: string }) => [
      m.title,
      m.in_time,
      m.planned_end,
    ]),
    [['Medisinske bilder i tide', true, before.deadline]],
  );
  assert.equal(
    onTime.solutions.map((s: { name: string }) => s.name),
    ['Kjernejournal'],
  );
  assert.is(onTime.at_risk, false);
  const dayAfter = new Date(Date.parse(before.deadline) + 86_400_000).toISOString().slice(0, 10);
  const patched = await call(ctx.app, 'PATCH', `/api/measures/${created.body.id}`, {
    version: created.body.version,
    planned_end: dayAfter,
  });
  assert.is(patched.status, 200);
  const late = await a206();
  assert.is(late.measures[0].in_time, false);
  assert.is(late.at_risk_reason, 'late_measures');
});

Trace('area=A1: only A1 requirements; articles of A1 or cited by A1', async (ctx) => {
  const { status, body } = await call(ctx.app, 'GET', '/api/trace?area=A1');
  assert.is(status, 200);
  for (const a of body.articles) for (const r of a.requirements) assert.is(r.area_code, 'A1');
  for (const r of body.not_assessed) assert.is(r.area_code, 'A1');
  assert.is(body.totals.requirements, count(ctx, "SELECT count(*) n FROM requirement WHERE area_code = 'A1'"));
  assert.is(
    body.totals.articles,
    count(
      ctx,
      `SELECT count(*) n FROM provision p WHERE p.area_code = 'A1' OR p.other_areas LIKE '%A1%' OR EXISTS (
         SELECT 1 FROM requirement_provision rp JOIN requirement r ON r.id = rp.requirement_id
         WHERE rp.provision_id = p.id AND r.area_code = 'A1')`,
    ),
  );
  const numbers = body.articles.map((a: { number: string }) => a.number);
  assert.ok(numbers.includes('3'));
  assert.not.ok(numbers.includes('14'));
  assert.equal(refsOf(articleOf(body, '16')), ['A1-07', 'A1-08']);
});

Trace('chapter=IV: only chapter IV articles, requirements citing them', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/trace?chapter=IV');
  assert.ok(body.articles.length > 0);
  for (const a of body.articles) assert.is(a.chapter, 'IV');
  assert.is(body.totals.articles, count(ctx, "SELECT count(*) n FROM provision WHERE chapter = 'IV'"));
  assert.is(
    body.totals.requirements,
    count(
      ctx,
      `SELECT count(DISTINCT rp.requirement_id) n FROM requirement_provision rp JOIN provision p ON p.id = rp.provision_id WHERE p.chapter = 'IV'`,
    ),
  );
  assert.equal(body.without_article, []);
});

Trace('area and chapter combine', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/trace?area=A2&chapter=II');
  for (const a of body.articles) {
    assert.is(a.chapter, 'II');
    for (const r of a.requirements) assert.is(r.area_code, 'A2');
  }
  assert.ok(articleOf(body, '14'));
});

Trace('a bad filter is a 400 with the error shape', async (ctx) => {
  for (const query of ['area=A9', 'chapter=X']) {
    const { status, body } = await call(ctx.app, 'GET', `/api/trace?${query}`);
    assert.is(status, 400, query);
    assert.type(body.error.message, 'string');
  }
});

Trace('both routes are in the OpenAPI document', async (ctx) => {
  const { body } = await call(ctx.app, 'GET', '/api/openapi.json');
  assert.ok(body.paths['/api/trace']?.get);
  assert.ok(body.paths['/api/export/trace.csv']?.get);
});

Trace.run();

const Csv = suite<Ctx>('GET /api/export/trace.csv');

Csv.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Csv('BOM, header, one row per article × requirement and one per untraced article', async (ctx) => {
  const res = await ctx.app.request('/api/export/trace.csv');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="ehds-sporbarhet-/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  assert.match(text, /\r\n/);
  const { header, rows } = parseCsv(text);
  assert.equal(header, [
    'article',
    'article_title',
    'chapter',
    'section',
    'applies_from',
    'requirement',
    'citation',
    'requirement_title',
    'area',
    'deadline',
    'coverage',
    'work_status',
    'questions',
    'inputs',
    'pending_inputs',
    'measures',
    'national_solutions',
    'at_risk',
    'at_risk_reason',
  ]);
  const { body } = await call(ctx.app, 'GET', '/api/trace');
  assert.is(rows.length, body.totals.links + body.totals.untraced);
  const art14 = rows.filter((r) => r.cells[0] === '14').map((r) => r.cells[5]);
  assert.equal(art14, ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08']);
  const art1 = rows.filter((r) => r.cells[0] === '1');
  assert.is(art1.length, 1);
  assert.is(art1[0]!.cells[5], '');
  assert.is(art1[0]!.cells[4], '2027-03-26');
  assert.is(art1[0]!.cells.length, header.length);
});

Csv('measures, national solutions and deadline risk per row', async (ctx) => {
  const solution = (await call(ctx.app, 'GET', '/api/solutions?q=prøvesvar')).body.items[0];
  const created = await call(ctx.app, 'POST', '/api/measures', {
    title: 'Prøvesvar, IPS',
    status: 'planned',
    planned_end: '2029-03-26',
    requirements: [{ ref: 'A2-07' }],
    solution_ids: [solution.id],
  });
  assert.is(created.status, 201);
  const { header, rows } = parseCsv(await (await ctx.app.request('/api/export/trace.csv?area=A2')).text());
  const col = (name: string) => header.indexOf(name);
  const a207 = rows.find((r) => r.cells[0] === '14' && r.cells[5] === 'A2-07')!;
  assert.is(a207.cells[col('measures')], 'Prøvesvar, IPS (planned, 2029-03-26, in_time)');
  assert.is(a207.cells[col('national_solutions')], 'Pasientens prøvesvar');
  assert.is(a207.cells[col('at_risk')], 'false');
  assert.is(a207.cells[col('at_risk_reason')], '');
  const a205 = rows.find((r) => r.cells[0] === '14' && r.cells[5] === 'A2-05')!;
  assert.match(a205.cells[col('measures')], 'Kritisk info i spesialisthelsetjenesten (proposed, no_end, late)');
  assert.is(a205.cells[col('national_solutions')], 'Kjernejournal; Pasientens kritiske informasjon');
  assert.is(a205.cells[col('at_risk')], 'true');
  assert.is(a205.cells[col('at_risk_reason')], 'late_measures');
  const a206 = rows.find((r) => r.cells[0] === '14' && r.cells[5] === 'A2-06')!;
  assert.is(a206.cells[col('measures')], '');
  assert.is(a206.cells[col('at_risk_reason')], 'no_measure');
});

Csv('the filters apply: area=A1 gives only A1 requirement rows', async (ctx) => {
  const text = await (await ctx.app.request('/api/export/trace.csv?area=A1')).text();
  const { rows } = parseCsv(text);
  const areas = new Set(rows.map((r) => r.cells[8]).filter(Boolean));
  assert.equal([...areas], ['A1']);
  const { body } = await call(ctx.app, 'GET', '/api/trace?area=A1');
  assert.is(rows.length, body.totals.links + body.totals.untraced);
});

Csv('text a spreadsheet would run is escaped', async (ctx) => {
  const created = await call(ctx.app, 'POST', '/api/requirements', {
    ref: 'A1-99',
    area: 'A1',
    title: '=HYPERLINK("http://x")',
    description: 'Formeltest',
    articles: ['1'],
  });
  assert.is(created.status, 201);
  const text = await (await ctx.app.request('/api/export/trace.csv')).text();
  assert.ok(text.includes(`'=HYPERLINK`));
  assert.not.ok(/(^|,)=HYPERLINK/m.test(text));
});

Csv('a bad filter is a 400', async (ctx) => {
  const { status, body } = await call(ctx.app, 'GET', '/api/export/trace.csv?area=B1');
  assert.is(status, 400);
  assert.type(body.error.message, 'string');
});

Csv.run();
