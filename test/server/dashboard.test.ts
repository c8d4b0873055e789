import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, makeApp, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
}

const COVERAGE = ['covered', 'partially_covered', 'not_covered', 'not_applicable', 'not_assessed'];
const DUE = ['2027-03-26', '2029-03-26', '2031-03-26', '2035-03-26'];

const rows = <T = Record<string, unknown>>(sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  sqlite.prepare(sql).all(...params) as T[];
const scalar = (sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  Number(Object.values(sqlite.prepare(sql).get(...params) as object)[0]);

/** The dashboard's figures computed straight from the tables, one plain query per figure. */
function expectedFigures(sqlite: Database.Database) {
  const coverage_by_area = ['A1', 'A2', 'A3', 'A4', 'A5'].map((area) => {
    const counts = Object.fromEntries(
      COVERAGE.map((c) => [
        c,
        scalar(
          sqlite,
          `SELECT count(*) FROM requirement r JOIN assessment a ON a.requirement_id = r.id
           WHERE r.area_code = ? AND a.coverage = ?`,
          area,
          c,
        ),
      ]),
    );
    return { area, counts, total: scalar(sqlite, 'SELECT count(*) FROM requirement WHERE area_code = ?', area) };
  });
  const due_not_covered = DUE.map((date) => {
    const refs = rows<{ ref: string }>(
      sqlite,
      `SELECT r.ref FROM requirement r JOIN assessment a ON a.requirement_id = r.id
       WHERE r.deadline = ? AND a.coverage NOT IN ('covered', 'not_applicable') ORDER BY r.ref`,
      date,
    ).map((r) => r.ref);
    return {
      date,
      total: scalar(sqlite, 'SELECT count(*) FROM requirement WHERE deadline = ?', date),
      not_covered: refs.length,
      refs,
    };
  });
  const status = (s: string) => scalar(sqlite, 'SELECT count(*) FROM question WHERE status = ?', s);
  const articles = "FROM provision WHERE act = 'EU 2025/327' AND kind = 'article'";
  return {
    coverage_by_area,
    due_not_covered,
    questions: {
      open: status('open'),
      in_progress: status('in_progress'),
      decided: status('decided'),
      total: scalar(sqlite, 'SELECT count(*) FROM question'),
    },
    inputs_pending: scalar(sqlite, "SELECT count(*) FROM input WHERE disposition = 'pending'"),
    not_assessed: scalar(sqlite, "SELECT count(*) FROM assessment WHERE coverage = 'not_assessed'"),
    totals: {
      requirements: scalar(sqlite, 'SELECT count(*) FROM requirement'),
      articles: scalar(sqlite, `SELECT count(*) ${articles}`),
      untraced_articles: scalar(
        sqlite,
        `SELECT count(*) ${articles} AND id NOT IN (SELECT provision_id FROM requirement_provision)`,
      ),
    },
  };
}

function assertMatches(body: Record<string, unknown>, expected: ReturnType<typeof expectedFigures>) {
  assert.equal(body.coverage_by_area, expected.coverage_by_area);
  const due = (body.due_not_covered as Record<string, unknown>[]).map(({ date, total, not_covered, refs }) => ({
    date,
    total,
    not_covered,
    refs,
  }));
  assert.equal(due, expected.due_not_covered);
  assert.equal(body.questions, expected.questions);
  assert.is(body.inputs_pending, expected.inputs_pending);
  assert.is(body.not_assessed, expected.not_assessed);
  const { untraced_article_numbers, ...totals } = body.totals as Record<string, unknown>;
  assert.equal(totals, expected.totals);
  assert.is((untraced_article_numbers as string[]).length, expected.totals.untraced_articles);
}

/** Sets a requirement's coverage through the API when it exists, else directly. */
async function setCoverage(app: TestApp, sqlite: Database.Database, ref: string, coverage: string) {
  const current = await call(app, 'GET', `/api/requirements/${ref}/assessment`);
  if (current.status === 200) {
    const res = await call(app, 'PUT', `/api/requirements/${ref}/assessment`, {
      version: current.body.version,
      coverage,
      work_status: 'done',
      gap_dimensions: [],
      situation: 'Dekket i dag',
      gap: '',
      justification: coverage === 'not_applicable' ? 'Gjelder ikke Norge' : '',
    });
    assert.is(res.status, 200, JSON.stringify(res.body));
    return;
  }
  sqlite
    .prepare(
      'UPDATE assessment SET coverage = ?, version = version + 1 WHERE requirement_id = (SELECT id FROM requirement WHERE ref = ?)',
    )
    .run(coverage, ref);
}

// ---------------------------------------------------------------------------------------------------
const Dashboard = suite<Ctx>('dashboard');

Dashboard.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Dashboard('figures equal counts taken straight from the tables', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/dashboard');
  assert.is(res.status, 200);
  const expected = expectedFigures(sqlite);
  assert.ok(expected.totals.requirements > 30, 'seeded');
  assert.ok(expected.inputs_pending > 0);
  assert.ok(expected.due_not_covered.every((d) => d.total > 0 || d.date === '2035-03-26'));
  assertMatches(res.body, expected);
  assert.equal(
    res.body.coverage_by_area.map((a: { area: string }) => a.area),
    ['A1', 'A2', 'A3', 'A4', 'A5'],
  );
  for (const a of res.body.coverage_by_area) assert.equal(Object.keys(a.counts).sort(), [...COVERAGE].sort());
  assert.equal(
    res.body.due_not_covered.map((d: { date: string }) => d.date),
    DUE,
  );
  assert.type(res.body.due_not_covered[0].title_nb, 'string');
  const untraced = rows<{ number: string }>(
    sqlite,
    `SELECT number FROM provision WHERE act = 'EU 2025/327' AND kind = 'article'
     AND id NOT IN (SELECT provision_id FROM requirement_provision) ORDER BY sort_key`,
  ).map((r) => r.number);
  assert.equal(res.body.totals.untraced_article_numbers, untraced);
});

Dashboard('figures follow assessments, decisions and dispositions', async ({ app, sqlite }) => {
  const before = (await call(app, 'GET', '/api/dashboard')).body;
  const due = before.due_not_covered.find((d: { date: string }) => d.date === '2029-03-26');
  const ref: string = due.refs[0];
  const area = ref.slice(0, 2);
  const areaBefore = before.coverage_by_area.find((a: { area: string }) => a.area === area);

  await setCoverage(app, sqlite, ref, 'covered');
  const other: string = due.refs[1];
  await setCoverage(app, sqlite, other, 'partially_covered');
  const decided = await call(app, 'PATCH', '/api/questions/PS-01', {
    version: 1,
    status: 'decided',
    decision: 'Helsenorge',
  });
  assert.is(decided.status, 200);
  const disposed = await call(app, 'PUT', '/api/inputs/1/disposition', {
    version: 1,
    disposition: 'noted',
    reason: 'Notert',
  });
  assert.is(disposed.status, 200);

  const after = (await call(app, 'GET', '/api/dashboard')).body;
  assertMatches(after, expectedFigures(sqlite));
  const dueAfter = after.due_not_covered.find((d: { date: string }) => d.date === '2029-03-26');
  assert.is(dueAfter.total, due.total);
  assert.is(dueAfter.not_covered, due.not_covered - 1, 'covered leaves the list, partially covered stays');
  assert.not.ok(dueAfter.refs.includes(ref));
  assert.ok(dueAfter.refs.includes(other));
  const areaAfter = after.coverage_by_area.find((a: { area: string }) => a.area === area);
  assert.is(areaAfter.counts.covered, areaBefore.counts.covered + 1);
  assert.is(areaAfter.total, areaBefore.total);
  assert.is(after.not_assessed, before.not_assessed - 2);
  assert.is(after.questions.decided, before.questions.decided + 1);
  assert.is(after.questions.open, before.questions.open - 1);
  assert.is(after.inputs_pending, before.inputs_pending - 1);

  await setCoverage(app, sqlite, other, 'not_applicable');
  const last = (await call(app, 'GET', '/api/dashboard')).body;
  assert.not.ok(
    last.due_not_covered.find((d: { date: string }) => d.date === '2029-03-26').refs.includes(other),
    'not applicable is not a gap',
  );
});

Dashboard('an empty database gives zeros for every area, code and date', async () => {
  const { app } = await makeApp({ seeded: false });
  const res = await call(app, 'GET', '/api/dashboard');
  assert.is(res.status, 200);
  assert.is(res.body.coverage_by_area.length, 5);
  for (const a of res.body.coverage_by_area) {
    assert.equal(a.counts, Object.fromEntries(COVERAGE.map((c) => [c, 0])));
    assert.is(a.total, 0);
  }
  assert.equal(
    res.body.due_not_covered.map((d: { date: string; total: number; refs: string[] }) => [d.date, d.total, d.refs]),
    DUE.map((d) => [d, 0, []]),
  );
  assert.equal(res.body.questions, { open: 0, in_progress: 0, decided: 0, total: 0 });
  assert.is(res.body.inputs_pending, 0);
  assert.equal(res.body.totals, { requirements: 0, articles: 0, untraced_articles: 0, untraced_article_numbers: [] });
});

// ---------------------------------------------------------------------------------------------------
const Milestones = suite<Ctx>('milestones');

Milestones.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Milestones('legal dates by date and plan milestones in plan order', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/milestones');
  assert.is(res.status, 200);
  const dates = res.body.legal.map((m: { date: string }) => m.date);
  assert.equal(dates, ['2025-03-25', ...DUE]);
  assert.type(res.body.legal[0].title_nb, 'string');
  assert.equal(
    res.body.plan.map((m: { id: number }) => m.id),
    rows<{ id: number }>(sqlite, 'SELECT id FROM plan_milestone ORDER BY sort_order, id').map((r) => r.id),
  );
  assert.ok(res.body.plan.length > 0);
  assert.ok(res.body.plan.some((m: { code: string | null }) => m.code === 'V0.5'));
});

Milestones('an empty database has none', async () => {
  const { app } = await makeApp({ seeded: false });
  const res = await call(app, 'GET', '/api/milestones');
  assert.equal(res.body, { legal: [], plan: [] });
});

Dashboard.run();
Milestones.run();
