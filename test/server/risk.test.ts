import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decideRisk } from '../../server/queries/risk.ts';
import { call, makeApp, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
}

const DEADLINE = '2031-03-26';

// ---------------------------------------------------------------------------------------------------
const Rule = suite('deadline risk: the rule');

Rule('boundary dates: ending on the deadline is in time, one day later is late', () => {
  const m = (planned_end: string | null, status: 'planned' | 'stopped' = 'planned') => ({ status, planned_end });
  assert.equal(decideRisk('not_covered', DEADLINE, [m('2031-03-26')]), { at_risk: false, at_risk_reason: null });
  assert.equal(decideRisk('not_covered', DEADLINE, [m('2031-03-27')]), {
    at_risk: true,
    at_risk_reason: 'late_measures',
  });
  assert.equal(decideRisk('not_covered', DEADLINE, []), { at_risk: true, at_risk_reason: 'no_measure' });
  assert.equal(decideRisk('not_covered', DEADLINE, [m(null)]), { at_risk: true, at_risk_reason: 'late_measures' });
  assert.equal(decideRisk('not_covered', DEADLINE, [m('2031-03-26', 'stopped')]), {
    at_risk: true,
    at_risk_reason: 'no_measure',
  });
  assert.equal(decideRisk('partially_covered', DEADLINE, [m('2031-03-27'), m('2030-01-01')]), {
    at_risk: false,
    at_risk_reason: null,
  });
  assert.equal(decideRisk('not_assessed', DEADLINE, [m('2031-03-27')]).at_risk, true);
});

Rule('covered and not applicable are never at risk', () => {
  for (const coverage of ['covered', 'not_applicable'] as const) {
    assert.equal(decideRisk(coverage, DEADLINE, []), { at_risk: false, at_risk_reason: null });
    assert.equal(decideRisk(coverage, DEADLINE, [{ status: 'planned', planned_end: '2040-01-01' }]).at_risk, false);
  }
});

Rule('without a legal deadline any measure that is not stopped is in time', () => {
  assert.equal(decideRisk('not_covered', null, [{ status: 'proposed', planned_end: null }]).at_risk, false);
  assert.equal(decideRisk('not_covered', null, []).at_risk_reason, 'no_measure');
});

Rule.run();

// ---------------------------------------------------------------------------------------------------
const Api = suite<Ctx>('deadline risk: requirements, filter and dashboard');

Api.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

const detail = async (app: TestApp, ref: string) => (await call(app, 'GET', `/api/requirements/${ref}`)).body;
const listed = async (app: TestApp, ref: string) =>
  (await call(app, 'GET', `/api/requirements?q=${ref}&limit=1000`)).body.items.find(
    (r: { ref: string }) => r.ref === ref,
  );
const inFilter = async (app: TestApp, ref: string) =>
  (await call(app, 'GET', '/api/requirements?at_risk=true&limit=1000')).body.items.some(
    (r: { ref: string }) => r.ref === ref,
  );

/** The risk of a requirement as the detail, the list item and the filter each tell it; they must agree. */
async function riskEverywhere(app: TestApp, ref: string) {
  const d = await detail(app, ref);
  const l = await listed(app, ref);
  const f = await inFilter(app, ref);
  assert.is(l.at_risk, d.at_risk, `${ref}: list item agrees with detail`);
  assert.is(l.at_risk_reason, d.at_risk_reason, `${ref}: list reason agrees with detail`);
  assert.is(f, d.at_risk, `${ref}: filter agrees with detail`);
  return { at_risk: d.at_risk as boolean, reason: d.at_risk_reason as string | null, measures: d.measures };
}

async function setCoverage(app: TestApp, ref: string, coverage: string) {
  const current = (await call(app, 'GET', `/api/requirements/${ref}/assessment`)).body;
  const res = await call(app, 'PUT', `/api/requirements/${ref}/assessment`, {
    version: current.version,
    coverage,
    work_status: 'done',
    gap_dimensions: [],
    situation: 'Vurdert',
    gap: '',
    justification: coverage === 'not_applicable' ? 'Gjelder ikke' : '',
  });
  assert.is(res.status, 200, JSON.stringify(res.body));
}

Api('A2-06 (due 2031-03-26) through the boundary dates, consistent in detail, list and filter', async ({ app }) => {
  assert.is((await detail(app, 'A2-06')).deadline, DEADLINE);
  assert.equal(await riskEverywhere(app, 'A2-06'), { at_risk: true, reason: 'no_measure', measures: [] });

  const created = await call(app, 'POST', '/api/measures', {
    title: 'Deling av medisinske bilder',
    planned_end: DEADLINE,
    status: 'planned',
    requirements: [{ ref: 'A2-06', link_note: 'Bilder' }],
  });
  assert.is(created.status, 201);
  const id = created.body.id;
  let version = created.body.version;
  const patch = async (body: Record<string, unknown>) => {
    const res = await call(app, 'PATCH', `/api/measures/${id}`, { version, ...body });
    assert.is(res.status, 200, JSON.stringify(res.body));
    version = res.body.version;
  };

  let risk = await riskEverywhere(app, 'A2-06');
  assert.is(risk.at_risk, false, 'ending on the deadline is in time');
  assert.equal(
    risk.measures.map((m: { title: string; in_time: boolean }) => [m.title, m.in_time]),
    [['Deling av medisinske bilder', true]],
  );

  await patch({ planned_end: '2031-03-27' });
  risk = await riskEverywhere(app, 'A2-06');
  assert.equal([risk.at_risk, risk.reason], [true, 'late_measures'], 'one day after the deadline is late');

  await patch({ planned_end: null });
  risk = await riskEverywhere(app, 'A2-06');
  assert.equal([risk.at_risk, risk.reason], [true, 'late_measures'], 'no end date is not in time');

  await patch({ planned_end: '2030-06-30', status: 'stopped' });
  risk = await riskEverywhere(app, 'A2-06');
  assert.equal([risk.at_risk, risk.reason], [true, 'no_measure'], 'a stopped measure does not count');

  await patch({ status: 'in_progress' });
  assert.is((await riskEverywhere(app, 'A2-06')).at_risk, false);

  await patch({ planned_end: '2035-01-01' });
  await setCoverage(app, 'A2-06', 'covered');
  assert.is((await riskEverywhere(app, 'A2-06')).at_risk, false, 'covered is never at risk');
  await setCoverage(app, 'A2-06', 'partially_covered');
  assert.is((await riskEverywhere(app, 'A2-06')).reason, 'late_measures');
  await setCoverage(app, 'A2-06', 'not_applicable');
  assert.is((await riskEverywhere(app, 'A2-06')).at_risk, false, 'not applicable is never at risk');
});

Api('covered with no measure at all is not at risk', async ({ app }) => {
  await setCoverage(app, 'A4-08', 'covered');
  assert.equal(await riskEverywhere(app, 'A4-08'), { at_risk: false, reason: null, measures: [] });
});

Api(
  'seeded measures have no end date, so the requirements they address are late, the rest have none',
  async ({ app }) => {
    for (const ref of ['A1-01', 'A2-01', 'A2-04', 'A2-05', 'A2-08']) {
      const r = await riskEverywhere(app, ref);
      assert.equal([r.at_risk, r.reason], [true, 'late_measures'], ref);
      assert.ok(r.measures.length > 0, ref);
    }
    const a205 = await detail(app, 'A2-05');
    assert.is(a205.measures.length, 4);
    assert.ok(a205.measures.every((m: { link_note: string }) => m.link_note.includes('IPS')));
    assert.equal((await riskEverywhere(app, 'A3-03')).reason, 'no_measure');
  },
);

Api('a requirement without a legal deadline is in time with any measure', async ({ app }) => {
  const req = await call(app, 'POST', '/api/requirements', { ref: 'A1-99', title: 'Uten frist' });
  assert.is(req.status, 201);
  assert.is((await riskEverywhere(app, 'A1-99')).reason, 'no_measure');
  await call(app, 'POST', '/api/measures', { title: 'Tiltak uten sluttdato', requirements: [{ ref: 'A1-99' }] });
  assert.is((await riskEverywhere(app, 'A1-99')).at_risk, false);
});

Api('the filter splits the list in two, and the dashboard counts per deadline match it', async ({ app }) => {
  await setCoverage(app, 'A1-02', 'covered');
  await call(app, 'POST', '/api/measures', {
    title: 'I tide',
    planned_end: '2029-03-26',
    requirements: [{ ref: 'A1-03' }],
  });
  const all = (await call(app, 'GET', '/api/requirements?limit=1000')).body;
  const yes = (await call(app, 'GET', '/api/requirements?at_risk=true&limit=1000')).body;
  const no = (await call(app, 'GET', '/api/requirements?at_risk=false&limit=1000')).body;
  assert.is(yes.total + no.total, all.total);
  assert.ok(yes.items.every((r: { at_risk: boolean }) => r.at_risk));
  assert.ok(no.items.every((r: { at_risk: boolean }) => !r.at_risk));
  assert.equal(
    no.items.map((r: { ref: string }) => r.ref),
    ['A1-02', 'A1-03'],
  );
  assert.is((await call(app, 'GET', '/api/requirements?at_risk=maybe')).status, 400);

  const dashboard = (await call(app, 'GET', '/api/dashboard')).body;
  assert.is(dashboard.at_risk_total, yes.total);
  for (const d of dashboard.at_risk_by_deadline) {
    const due = (await call(app, 'GET', `/api/requirements?at_risk=true&deadline=${d.date}&limit=1000`)).body;
    assert.is(d.at_risk, due.total, d.date);
    assert.equal(d.refs, due.items.map((r: { ref: string }) => r.ref).sort(), d.date);
    assert.is(d.no_measure + d.late_measures, d.at_risk, d.date);
    const late = due.items.filter((r: { at_risk_reason: string }) => r.at_risk_reason === 'late_measures').length;
    assert.is(d.late_measures, late, d.date);
  }
  const y2029 = dashboard.at_risk_by_deadline.find((d: { date: string }) => d.date === '2029-03-26');
  assert.not.ok(y2029.refs.includes('A1-02'), 'covered');
  assert.not.ok(y2029.refs.includes('A1-03'), 'measure ends on the deadline');
});

Api('the CSV export takes the same at_risk filter as the list', async ({ app }) => {
  const res = await app.request('/api/export/requirements.csv?at_risk=true&area=A5');
  assert.is(res.status, 200);
  const lines = (await res.text()).trim().split(/\r\n/);
  assert.is(lines.length - 1, 7, 'the seven A5 requirements, all without measures');
});

Api.run();
