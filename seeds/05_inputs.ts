/** Stakeholder input (innspill): bilateral meetings, NUIT 13.02.2025, NUIT 6/25, Nasjonalt e-helseråd. */
import type { Db } from '../schema/db.ts';
import { now, searchable } from '../server/lib/text.ts';
import { recordAudit } from '../server/queries/audit.ts';
import { organisationIds } from './02_engagement.ts';
import { SEED_ACTOR } from './03_requirements.ts';
import { InputSeed, readJson } from './load.ts';

export async function seedInputs(db: Db) {
  const orgIds = await organisationIds(db);
  let created = 0;
  for (const input of readJson('inputs.json', InputSeed)) {
    const exists = await db
      .selectFrom('input')
      .select('id')
      .where('text', '=', input.text)
      .where('source', '=', input.source)
      .executeTakeFirst();
    if (exists) continue;

    let meetingId: number | null = null;
    if (input.meeting) {
      const m = await db
        .selectFrom('meeting')
        .select('id')
        .where('date', '=', input.meeting.date)
        .where('title', '=', input.meeting.title)
        .executeTakeFirst();
      if (!m) throw new Error(`input «${input.text}»: unknown meeting ${input.meeting.date} ${input.meeting.title}`);
      meetingId = m.id;
    }
    const organisationId = input.organisation ? orgIds.get(input.organisation) : null;
    if (organisationId === undefined)
      throw new Error(`input «${input.text}»: unknown organisation ${input.organisation}`);

    const at = now();
    const { id } = await db
      .insertInto('input')
      .values({
        text: input.text,
        type: input.type,
        area_code: input.area,
        organisation_id: organisationId,
        meeting_id: meetingId,
        author: null,
        disposition: 'pending',
        disposition_reason: '',
        source: input.source,
        search_text: searchable(input.text),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    if (input.requirement_refs.length) {
      const reqs = await db
        .selectFrom('requirement')
        .select(['id', 'ref'])
        .where('ref', 'in', input.requirement_refs)
        .execute();
      if (reqs.length !== input.requirement_refs.length) throw new Error(`input «${input.text}»: unknown requirement`);
      await db
        .insertInto('input_requirement')
        .values(reqs.map((r) => ({ input_id: id, requirement_id: r.id })))
        .execute();
    }
    if (input.question_text) {
      const q = await db.selectFrom('question').select('id').where('text', '=', input.question_text).executeTakeFirst();
      if (!q) throw new Error(`input «${input.text}»: unknown question «${input.question_text}»`);
      await db.insertInto('input_question').values({ input_id: id, question_id: q.id }).execute();
    }
    await recordAudit(db, {
      actor: SEED_ACTOR,
      entity: 'input',
      entityId: id,
      action: 'create',
      changes: { text: [null, input.text], source: [null, input.source] },
    });
    created++;
  }
  return created;
}
