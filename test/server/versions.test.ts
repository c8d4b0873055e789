import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildAnalysisView } from '../../server/exports/analysis.ts';
import { compareViews } from '../../server/exports/changes.ts';
import {
  comparedVersion,
  compareNamed,
  versionSnapshot,
  viewOf,
  viewWithChanges,
} from '../../server/exports/sources.ts';
import { parseCsv } from '../../server/lib/csv.ts';
import { readSnapshot } from '../../server/queries/snapshot.ts';
import {
  freezeVersion,
  listVersions,
  loadVersionSnapshot,
  previousVersionName,
} from '../../server/queries/versions.ts';
import { call, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;

/** Sets a requirement's assessment through the API, from the version it reads. */
async function assess(app: Ctx['app'], ref: string, changes: Record<string, unknown>) {
  const current = await call(app, 'GET', `/api/requirements/${ref}/assessment`);
  const body = {
    version: current.body.version,
    coverage: current.body.coverage,
    work_status: current.body.work_status,
    gap_dimensions: current.body.gap_dimensions,
    situation: current.body.situation,
    gap: current.body.gap,
    justification: current.body.justification,
    ...changes,
  };
  const res = await call(app, 'PUT', `/api/requirements/${ref}/assessment`, body);
  assert.is(res.status, 200, JSON.stringify(res.body));
}

const Versions = suite<Ctx>('versions');

Versions.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Versions('POST /api/versions freezes the analysis, audited; the name is unique and checked', async ({ app, db }) => {
  const res = await call(app, 'POST', '/api/versions', { name: 'V0.5', date: '2024-12-13', note: 'Utkast til gap' });
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.is(res.body.name, 'V0.5');
  assert.is(res.body.date, '2024-12-13');
  assert.match(res.body.content_hash, /^[0-9a-f]{64}$/);
  assert.match(res.body.schema_version, /^0003_versions$|^\d{4}_/);
  const { n } = await db
    .selectFrom('requirement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.is(res.body.summary.requirements, Number(n));
  assert.is(res.body.summary.coverage.not_assessed, Number(n));

  const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'version').execute();
  assert.is(audit.length, 1);
  assert.is(audit[0]?.entity_ref, 'V0.5');

  const again = await call(app, 'POST', '/api/versions', { name: 'V0.5' });
  assert.is(again.status, 409);
  assert.match(again.body.error.message, /exists already/);
  for (const name of ['', 'compare', '../x', 'a'.repeat(41)]) {
    const bad = await call(app, 'POST', '/api/versions', { name });
    assert.is(bad.status, 400, name);
  }
  const badDate = await call(app, 'POST', '/api/versions', { name: 'V0.6', date: '2025-02-30' });
  assert.is(badDate.status, 400);
});

Versions('the date defaults to today; list and one version answer with counts; unknown is 404', async ({ app }) => {
  const res = await call(app, 'POST', '/api/versions', { name: 'Høring 1' });
  assert.is(res.status, 201);
  assert.match(res.body.date, /^\d{4}-\d{2}-\d{2}$/);
  const list = await call(app, 'GET', '/api/versions');
  assert.is(list.status, 200);
  assert.equal(
    list.body.items.map((v: { name: string }) => v.name),
    ['V0.5', 'Høring 1'],
  );
  assert.is(list.body.total, 2);
  const one = await call(app, 'GET', `/api/versions/${encodeURIComponent('Høring 1')}`);
  assert.is(one.status, 200);
  assert.is(one.body.summary.coverage_by_area.A1.not_assessed > 0, true);
  const missing = await call(app, 'GET', '/api/versions/V9.9');
  assert.is(missing.status, 404);
  assert.type(missing.body.error.message, 'string');
});

Versions('a frozen version never changes: later edits, and no route to update or delete it', async ({ app }) => {
  const before = await call(app, 'GET', '/api/export/snapshot.json?version=V0.5');
  assert.is(before.status, 200);
  const meta = await call(app, 'GET', '/api/versions/V0.5');

  await assess(app, 'A1-01', { coverage: 'partially_covered', situation: 'Helsenorge gir innsyn – æøå' });
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    const res = await call(app, method, '/api/versions/V0.5', { name: 'V0.5', note: 'endret' });
    assert.ok(res.status === 404 || res.status === 405, `${method} answered ${res.status}`);
  }
  const after = await call(app, 'GET', '/api/export/snapshot.json?version=V0.5');
  const metaAfter = await call(app, 'GET', '/api/versions/V0.5');
  // The export time differs; the content must not.
  assert.equal(after.body.tables, before.body.tables);
  assert.equal(metaAfter.body, meta.body);
  const frozen = after.body.tables.assessment.find((a: { requirement_id: number }) => a.requirement_id === 1);
  assert.is(frozen.coverage, 'not_assessed');
  assert.is(after.body.source.name, 'V0.5');
});

Versions('compare lists a coverage change from → to, to a later version and to now', async ({ app }) => {
  await call(app, 'POST', '/api/versions', { name: 'V0.8', date: '2025-03-28' });
  await assess(app, 'A2-05', { coverage: 'not_covered', gap: 'Ingen nasjonal pasientoppsummering' });

  const toV08 = await call(app, 'GET', '/api/versions/compare?from=V0.5&to=V0.8');
  assert.is(toV08.status, 200);
  assert.equal(
    toV08.body.coverage_changed.map((c: { ref: string; from: string; to: string }) => [c.ref, c.from, c.to]),
    [['A1-01', 'not_assessed', 'partially_covered']],
  );
  assert.ok(
    toV08.body.assessment_changed.some(
      (c: { ref: string; field: string }) => c.ref === 'A1-01' && c.field === 'Dagens situasjon',
    ),
  );
  assert.equal(toV08.body.from, { kind: 'version', name: 'V0.5', date: '2024-12-13' });

  const toNow = await call(app, 'GET', '/api/versions/compare?from=V0.8');
  assert.is(toNow.status, 200);
  assert.equal(toNow.body.to.kind, 'now');
  assert.equal(
    toNow.body.coverage_changed.map((c: { ref: string; from: string; to: string }) => [c.ref, c.from, c.to]),
    [['A2-05', 'not_assessed', 'not_covered']],
  );
  const unknown = await call(app, 'GET', '/api/versions/compare?from=V7');
  assert.is(unknown.status, 404);
  const noFrom = await call(app, 'GET', '/api/versions/compare');
  assert.is(noFrom.status, 400);
});

Versions(
  'compare: questions decided, input added, dispositions changed, requirements added and removed',
  async ({ db }) => {
    const before = await readSnapshot(db);
    const after = structuredClone(before);
    const t = after.tables;
    const q = t.question?.find((x) => x.ref === 'PS-01');
    if (q) Object.assign(q, { status: 'decided', decision: 'Helsenorge er hovedkanal' });
    const input = t.input?.find((x) => x.id === 3);
    if (input) Object.assign(input, { disposition: 'accepted', disposition_reason: 'Tatt inn' });
    t.input?.push({ ...(t.input[0] as NonNullable<typeof input>), id: 999, text: 'Nytt innspill om æøå' });
    const removedId = t.requirement?.find((r) => r.ref === 'A5-07')?.id;
    t.requirement = t.requirement?.filter((r) => r.id !== removedId);
    t.requirement?.push({
      ...(t.requirement[0] as NonNullable<(typeof t.requirement)[0]>),
      id: 1000,
      ref: 'A5-99',
      title: 'Nytt krav',
    });
    t.assessment?.push({
      ...(t.assessment[0] as NonNullable<(typeof t.assessment)[0]>),
      requirement_id: 1000,
      coverage: 'covered',
    });

    const c = compareViews(buildAnalysisView(before), buildAnalysisView(after));
    assert.equal(
      c.questions_decided.map((x) => [x.ref, x.from, x.decision]),
      [['PS-01', 'open', 'Helsenorge er hovedkanal']],
    );
    assert.equal(
      c.inputs_added.map((x) => [x.id, x.text]),
      [[999, 'Nytt innspill om æøå']],
    );
    assert.equal(
      c.dispositions_changed.map((x) => [x.id, x.from, x.to]),
      [[3, 'pending', 'accepted']],
    );
    assert.equal(
      c.requirements_added.map((r) => [r.ref, r.coverage]),
      [['A5-99', 'covered']],
    );
    assert.equal(
      c.requirements_removed.map((r) => r.ref),
      ['A5-07'],
    );
    assert.is(c.total, 1 + 1 + 1 + 1 + 1 + c.question_changed.length);
  },
);

Versions('GET /api/export/changes.csv: «Endringer siden» as CSV with Norwegian labels', async ({ app }) => {
  const res = await call(app, 'GET', '/api/export/changes.csv?from=V0.5&to=V0.8');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', /ehds-endringer-V0\.5-V0\.8\.csv/);
  const parsed = parseCsv(res.text);
  assert.equal(parsed.header, ['endring', 'ref', 'område', 'tittel', 'felt', 'fra', 'til']);
  const row = parsed.rows.map((r) => r.cells).find((cells) => cells[0] === 'Dekning endret');
  assert.equal(row?.slice(0, 2), ['Dekning endret', 'A1-01']);
  assert.equal(row?.slice(5), ['Ikke vurdert', 'Delvis dekket']);
});

Versions('GET /api/export/requirements.csv?version= gives the frozen content', async ({ app }) => {
  const frozen = await call(app, 'GET', '/api/export/requirements.csv?version=V0.5&area=A1');
  assert.is(frozen.status, 200);
  assert.match(frozen.headers.get('content-disposition') ?? '', /ehds-krav-V0\.5\.csv/);
  const now = await call(app, 'GET', '/api/export/requirements.csv?area=A1');
  const coverageOf = (text: string) => {
    const { header, rows } = parseCsv(text);
    const row = rows.find((r) => r.cells[0] === 'A1-01');
    return row?.cells[header.indexOf('coverage')];
  };
  assert.is(coverageOf(frozen.text), 'not_assessed');
  assert.is(coverageOf(now.text), 'partially_covered');
  assert.ok(parseCsv(frozen.text).rows.every((r) => r.cells[1] === 'A1'));
  const missing = await call(app, 'GET', '/api/export/requirements.csv?version=V9');
  assert.is(missing.status, 404);
});

Versions('a version read a slice at a time is the snapshot loadVersionSnapshot gives', async ({ db }) => {
  await db
    .updateTable('input')
    .set({ text: 'Innspill med «"sitat"», \\ og 😀\nny linje' })
    .where('id', '=', 2)
    .execute();
  await freezeVersion(db, { name: 'V0.9', date: '2025-04-30', note: 'Med tegn' }, 'test');
  const whole = await loadVersionSnapshot(db, 'V0.9');
  for (const sliceBytes of [1, 100, 1 << 24]) {
    const sliced = await versionSnapshot(db, 'V0.9', { sliceBytes });
    assert.equal({ ...sliced, exported_at: whole.exported_at }, whole, `slices of ${sliceBytes}`);
  }
  const missing = await versionSnapshot(db, 'V7').catch((err: { status?: number }) => err);
  assert.is((missing as { status?: number }).status, 404);
});

Versions(
  'the change list from a version read for comparing only is the one from its whole view, input removed and changed too',
  async ({ db }) => {
    // Since V0.9: one input gone, one dealt with, one new, a requirement's title changed.
    const [gone, dealt] = await db.selectFrom('input').select('id').orderBy('id').limit(2).execute();
    await db
      .deleteFrom('input_requirement')
      .where('input_id', '=', gone?.id ?? 0)
      .execute();
    await db
      .deleteFrom('input_question')
      .where('input_id', '=', gone?.id ?? 0)
      .execute();
    await db
      .deleteFrom('input')
      .where('id', '=', gone?.id ?? 0)
      .execute();
    await db
      .updateTable('input')
      .set({ disposition: 'rejected', disposition_reason: 'Utenfor' })
      .where('id', '=', dealt?.id ?? 0)
      .execute();
    await db.updateTable('requirement').set({ title: 'Ny tittel' }).where('ref', '=', 'A1-02').execute();

    const expected = compareViews(
      buildAnalysisView(await loadVersionSnapshot(db, 'V0.9')),
      buildAnalysisView(await readSnapshot(db)),
    );
    const lean = compareViews(await comparedVersion(db, 'V0.9'), await viewOf(db));
    assert.equal(lean, expected);
    assert.equal(await compareNamed(db, 'V0.9'), expected);
    assert.ok(
      expected.inputs_removed.some((i) => i.id === gone?.id && i.text.length > 0),
      'removed input keeps its text',
    );
    assert.ok(expected.dispositions_changed.some((i) => i.id === dealt?.id));
    assert.ok(expected.requirement_changed.some((c) => c.ref === 'A1-02' && c.to === 'Ny tittel'));

    const newest = (await listVersions(db)).at(-1)?.name as string;
    const { view, changes } = await viewWithChanges(db);
    assert.equal(
      changes,
      compareViews(buildAnalysisView(await loadVersionSnapshot(db, newest)), buildAnalysisView(await readSnapshot(db))),
      'now is compared with the newest version',
    );
    assert.equal(view, { ...buildAnalysisView(await readSnapshot(db)), exported_at: view.exported_at });
    const before = (await previousVersionName(db, 'V0.9')) as string;
    const fromV08 = compareViews(
      buildAnalysisView(await loadVersionSnapshot(db, before)),
      buildAnalysisView(await loadVersionSnapshot(db, 'V0.9')),
    );
    assert.equal((await viewWithChanges(db, 'V0.9')).changes, fromV08, 'a version is compared with the one before it');
    assert.equal(await compareNamed(db, before, 'V0.9'), fromV08);
  },
);

Versions.run();
