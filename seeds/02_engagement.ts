/** Who took part: organisations, the 47 engagement meetings of the gap analysis, and its plan. */
import type { Db } from '../schema/db.ts';
import { MeetingSeed, MilestoneSeed, OrganisationSeed, readJson } from './load.ts';

export async function organisationIds(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('organisation').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function seedEngagement(db: Db) {
  const organisations = readJson('organisations.json', OrganisationSeed);
  await db
    .insertInto('organisation')
    .values(organisations)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const orgIds = await organisationIds(db);

  for (const m of readJson('meetings.json', MeetingSeed)) {
    const existing = await db
      .selectFrom('meeting')
      .select('id')
      .where('date', '=', m.date)
      .where('title', '=', m.title)
      .executeTakeFirst();
    if (existing) continue;
    const { id } = await db
      .insertInto('meeting')
      .values({ date: m.date, title: m.title, forum: m.forum, source: m.source })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orgs = m.organisations.map((name) => {
      const orgId = orgIds.get(name);
      if (orgId === undefined) throw new Error(`meeting ${m.date} ${m.title}: unknown organisation ${name}`);
      return { meeting_id: id, organisation_id: orgId };
    });
    if (orgs.length) await db.insertInto('meeting_organisation').values(orgs).execute();
    if (m.areas.length) {
      await db
        .insertInto('meeting_area')
        .values(m.areas.map((area_code) => ({ meeting_id: id, area_code })))
        .execute();
    }
  }

  const milestones = readJson('milestones.json', MilestoneSeed).map((m, i) => ({ ...m, sort_order: i + 1 }));
  await db
    .insertInto('plan_milestone')
    .values(milestones)
    .onConflict((oc) => oc.column('title').doNothing())
    .execute();
}
