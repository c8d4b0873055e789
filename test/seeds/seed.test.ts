import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openMemoryDb } from '../../schema/db.ts';
import { countRows, seedDatabase } from '../../seeds/index.ts';
import { dumpDb } from '../helpers.ts';

const Seeds = suite('seeds');

const EXPECTED = {
  area: 5,
  provision: 105 + 4,
  implementing_act: 31,
  legal_milestone: 5,
  category: 6,
  requirement: 31 + 7,
  assessment: 38,
  meeting: 47,
  question: 16 + 31,
  input: 40,
  reference_group: 8,
  // Sources name eleven national solutions; the 2022 sheet has fourteen columns: the eleven of «Samlet», two
  // of the older formula and one without enough numbers for a score.
  national_solution: 11,
  measure: 14,
  measure_requirement: 18,
};

Seeds('load the sourced dataset with the expected counts', async () => {
  const { db } = await openMemoryDb();
  const counts = await seedDatabase(db);
  for (const [table, n] of Object.entries(EXPECTED)) assert.is(counts[table], n, table);
  assert.ok(counts.organisation! >= 30, 'organisations');
  assert.ok(counts.plan_milestone! >= 7, 'plan milestones');
});

Seeds('load twice without duplicates or changes', async () => {
  const { db, sqlite } = await openMemoryDb();
  await seedDatabase(db);
  const before = await dumpDb(sqlite);
  await seedDatabase(db);
  assert.is(await dumpDb(sqlite), before);
});

Seeds('never overwrite an analyst’s work when seeding again', async () => {
  const { db } = await openMemoryDb();
  await seedDatabase(db);
  await db.updateTable('requirement').set({ title: 'Endret av analytiker' }).where('ref', '=', 'A1-01').execute();
  await seedDatabase(db);
  const row = await db.selectFrom('requirement').select('title').where('ref', '=', 'A1-01').executeTakeFirstOrThrow();
  assert.is(row.title, 'Endret av analytiker');
});

Seeds('every record carries its source, named as a document, not a file', async () => {
  const { db } = await openMemoryDb();
  await seedDatabase(db);
  for (const table of [
    'requirement',
    'question',
    'input',
    'meeting',
    'organisation',
    'reference_group',
    'provision',
    'area',
    'measure',
    'national_solution',
  ] as const) {
    const rows = await db.selectFrom(table).select('source').execute();
    for (const r of rows) {
      assert.ok(r.source && r.source.trim().length > 5, `${table} has a source`);
      assert.not.match(r.source, /\.txt|\.csv|\.json|sources\//, `${table}: ${r.source}`);
    }
  }
});

Seeds('requirements of the slides keep their verbatim titles, articles and deadlines', async () => {
  const { db } = await openMemoryDb();
  await seedDatabase(db);
  const get = (ref: string) =>
    db.selectFrom('requirement').selectAll().where('ref', '=', ref).executeTakeFirstOrThrow();
  const pins = async (ref: string) =>
    (
      await db
        .selectFrom('requirement_provision')
        .innerJoin('requirement', 'requirement.id', 'requirement_provision.requirement_id')
        .select('pinpoint')
        .where('requirement.ref', '=', ref)
        .orderBy('sort_order')
        .execute()
    ).map((r) => r.pinpoint);
  assert.is((await get('A1-06')).title, 'Mulighet for reservasjon?');
  assert.is((await get('A2-04')).title, 'E-resept og utleveringer innen 2029');
  assert.equal(await pins('A1-04'), ['5', '6']);
  assert.equal(await pins('A3-01'), ['25', 'Annex II']);
  assert.is((await get('A2-06')).deadline, '2031-03-26');
  assert.is((await get('A4-02')).deadline, '2027-03-26');
  const a5 = await db
    .selectFrom('requirement')
    .select(['ref', 'deadline', 'source'])
    .where('area_code', '=', 'A5')
    .execute();
  assert.is(a5.length, 7);
  for (const r of a5) {
    assert.is(r.deadline, '2027-03-26', r.ref);
    assert.match(r.source, /Forordning \(EU\) 2025\/327/);
  }
});

Seeds('set no coverage verdict the sources do not give', async () => {
  const { db } = await openMemoryDb();
  await seedDatabase(db);
  const verdicts = await db
    .selectFrom('assessment')
    .select('coverage')
    .where('coverage', '!=', 'not_assessed')
    .execute();
  assert.is(verdicts.length, 0);
  const noted = await db
    .selectFrom('assessment')
    .select(['work_status', 'situation', 'source'])
    .where('situation', '!=', '')
    .execute();
  assert.ok(noted.length > 0, 'sourced situations are noted');
  for (const a of noted) {
    assert.is(a.work_status, 'in_progress');
    assert.ok(a.source && a.situation.includes(a.source.split('; ')[0]!), 'the situation quotes its source');
  }
});

Seeds(
  'principle questions: the analysis’ own verbatim, and the 31 national-choice points tied to articles',
  async () => {
    const { db } = await openMemoryDb();
    await seedDatabase(db);
    const q = await db
      .selectFrom('question')
      .select(['ref', 'text', 'origin'])
      .where('text', '=', 'Hvilke løsninger skal gi innsyn?')
      .executeTakeFirstOrThrow();
    assert.is(q.origin, 'analysis');
    const nv = await db.selectFrom('question').select('id').where('origin', '=', 'discretion').execute();
    assert.is(nv.length, 31);
    const unlinked = await db
      .selectFrom('question')
      .select('ref')
      .where('origin', '=', 'discretion')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('question_provision')
              .select('question_id')
              .whereRef('question_provision.question_id', '=', 'question.id'),
          ),
        ),
      )
      .execute();
    assert.equal(unlinked, []);
  },
);

Seeds('the engagement meetings span 20.08.2024–27.03.2025', async () => {
  const { db } = await openMemoryDb();
  await seedDatabase(db);
  const dates = (await db.selectFrom('meeting').select('date').orderBy('date').execute()).map((m) => m.date);
  assert.is(dates[0], '2024-08-20');
  assert.is(dates.at(-1), '2025-03-27');
  const counts = await countRows(db);
  assert.is(counts.meeting, 47);
});

Seeds.run();
