/**
 * Lost updates: many writers on one assessment at once. Each write either succeeds on the version it
 * read or gets 409; the history then holds exactly the successful writes, in version order.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, makeApp } from '../helpers.ts';

const Concurrency = suite('resilience: concurrent writers on one assessment');

const REF = 'A2-05';
const WRITERS = 25;
const ROUNDS = 8;

Concurrency('every write succeeds on the version it read or gets 409; history is consistent', async () => {
  const { app, db } = await makeApp();
  const start = (await call(app, 'GET', `/api/requirements/${REF}/assessment`)).body;
  const successes: { writer: number; round: number; version: number }[] = [];
  let conflicts = 0;

  const writer = async (w: number) => {
    for (let round = 0; round < ROUNDS; round++) {
      const read = (await call(app, 'GET', `/api/requirements/${REF}/assessment`)).body;
      const res = await call(app, 'PUT', `/api/requirements/${REF}/assessment`, {
        version: read.version,
        coverage: read.coverage,
        work_status: 'in_progress',
        gap_dimensions: read.gap_dimensions,
        situation: `skriver ${w} runde ${round}`,
        gap: read.gap,
        justification: read.justification,
        responsible_organisation_id: read.responsible_organisation_id,
      });
      if (res.status === 200) {
        assert.is(res.body.version, read.version + 1, 'a success moves exactly one version on');
        successes.push({ writer: w, round, version: res.body.version });
      } else {
        assert.is(res.status, 409, `writer ${w}: ${res.text}`);
        assert.ok(res.body.error.current.version > read.version, 'the 409 carries a newer version');
        conflicts++;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

  assert.ok(successes.length > 0 && conflicts > 0, `${successes.length} successes, ${conflicts} conflicts`);
  assert.is(successes.length + conflicts, WRITERS * ROUNDS);

  const versions = successes.map((s) => s.version).sort((a, b) => a - b);
  assert.equal(
    versions,
    Array.from({ length: successes.length }, (_, i) => start.version + 1 + i),
    'no version given twice',
  );

  const final = (await call(app, 'GET', `/api/requirements/${REF}/assessment`)).body;
  assert.is(final.version, start.version + successes.length);

  const requirement = await db.selectFrom('requirement').select('id').where('ref', '=', REF).executeTakeFirstOrThrow();
  const audited = await db
    .selectFrom('audit_log')
    .select(['changes'])
    .where('entity', '=', 'assessment')
    .where('entity_id', '=', requirement.id)
    .where('actor', '!=', 'seed')
    .orderBy('id')
    .execute();
  assert.is(audited.length, successes.length, 'one audit entry per successful write');
  const written = audited.map((a) => (JSON.parse(a.changes).situation as [string, string])[1]);
  const bySuccessOrder = [...successes]
    .sort((a, b) => a.version - b.version)
    .map((s) => `skriver ${s.writer} runde ${s.round}`);
  assert.equal(written, bySuccessOrder, 'the history holds every successful write, in version order');
  assert.is(final.situation, bySuccessOrder.at(-1));
});

Concurrency.run();
