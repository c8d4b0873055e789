/** Stakeholder input (innspill): listing with filters, registering, and the disposition with its reason. */
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Disposition, InputType } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { containsTerm, now, searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { questionIdsByRef, requirementIdsByRef } from './questions.ts';

export const DEFAULT_INPUT_SOURCE = 'Registrert i ehds-gap';

export interface InputFilters {
  disposition?: Disposition;
  type?: InputType;
  area?: AreaCode;
  /** Requirement ref the input is about. */
  requirement?: string;
  /** Question ref the input is about. */
  question?: string;
  organisation?: number;
  meeting?: number;
  /** Given in this consultation round. */
  round?: number;
  /** Given in one of these rounds (a reference-group member sees no other input). */
  rounds?: number[];
  q?: string;
}

function filteredInputs(db: Db, f: InputFilters) {
  let qb = db
    .selectFrom('input')
    .leftJoin('organisation', 'organisation.id', 'input.organisation_id')
    .leftJoin('meeting', 'meeting.id', 'input.meeting_id');
  if (f.disposition) qb = qb.where('input.disposition', '=', f.disposition);
  if (f.type) qb = qb.where('input.type', '=', f.type);
  if (f.area) qb = qb.where('input.area_code', '=', f.area);
  if (f.organisation !== undefined) qb = qb.where('input.organisation_id', '=', f.organisation);
  if (f.meeting !== undefined) qb = qb.where('input.meeting_id', '=', f.meeting);
  if (f.round !== undefined) qb = qb.where('input.round_id', '=', f.round);
  if (f.rounds !== undefined) qb = qb.where('input.round_id', 'in', f.rounds.length ? f.rounds : [-1]);
  if (f.requirement) {
    const ref = f.requirement;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('input_requirement')
          .innerJoin('requirement', 'requirement.id', 'input_requirement.requirement_id')
          .select('input_requirement.input_id')
          .whereRef('input_requirement.input_id', '=', 'input.id')
          .where('requirement.ref', '=', ref),
      ),
    );
  }
  if (f.question) {
    const ref = f.question;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('input_question')
          .innerJoin('question', 'question.id', 'input_question.question_id')
          .select('input_question.input_id')
          .whereRef('input_question.input_id', '=', 'input.id')
          .where('question.ref', '=', ref),
      ),
    );
  }
  for (const term of searchTerms(f.q)) {
    qb = qb.where(containsTerm('input.search_text', term));
  }
  return qb;
}

const INPUT_COLUMNS = [
  'input.id',
  'input.text',
  'input.type',
  'input.area_code',
  'input.organisation_id',
  'organisation.name as organisation',
  'input.meeting_id',
  'meeting.date as meeting_date',
  'meeting.title as meeting_title',
  'input.author',
  'input.round_id',
  'input.user_id',
  'input.disposition',
  'input.disposition_reason',
  'input.source',
  'input.version',
  'input.created_at',
  'input.updated_at',
] as const;

/** Requirement and question refs of many inputs: two queries for the whole page. */
async function linksOf(db: Db, ids: number[]) {
  const requirementRefs = new Map<number, string[]>();
  const questionRefs = new Map<number, string[]>();
  if (ids.length === 0) return { requirementRefs, questionRefs };
  const [reqs, questions] = await Promise.all([
    db
      .selectFrom('input_requirement')
      .innerJoin('requirement', 'requirement.id', 'input_requirement.requirement_id')
      .select(['input_requirement.input_id', 'requirement.ref'])
      .where('input_requirement.input_id', 'in', ids)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('input_question')
      .innerJoin('question', 'question.id', 'input_question.question_id')
      .select(['input_question.input_id', 'question.ref'])
      .where('input_question.input_id', 'in', ids)
      .orderBy('question.ref')
      .execute(),
  ]);
  for (const r of reqs) requirementRefs.set(r.input_id, [...(requirementRefs.get(r.input_id) ?? []), r.ref]);
  for (const q of questions) questionRefs.set(q.input_id, [...(questionRefs.get(q.input_id) ?? []), q.ref]);
  return { requirementRefs, questionRefs };
}

export async function listInputs(db: Db, filters: InputFilters, page: { limit: number; offset: number }) {
  const filtered = filteredInputs(db, filters);
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await filtered.select(INPUT_COLUMNS).orderBy('input.id').limit(page.limit).offset(page.offset).execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    ...r,
    requirement_refs: links.requirementRefs.get(r.id) ?? [],
    question_refs: links.questionRefs.get(r.id) ?? [],
  }));
  return { items, total: Number(total) };
}

export async function getInput(db: Db, id: number) {
  const row = await db
    .selectFrom('input')
    .leftJoin('organisation', 'organisation.id', 'input.organisation_id')
    .leftJoin('meeting', 'meeting.id', 'input.meeting_id')
    .select(INPUT_COLUMNS)
    .where('input.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Input ${id}`);
  const links = await linksOf(db, [id]);
  return {
    ...row,
    requirement_refs: links.requirementRefs.get(id) ?? [],
    question_refs: links.questionRefs.get(id) ?? [],
  };
}

export interface NewInput {
  text: string;
  type: InputType;
  area?: AreaCode | null;
  requirement_refs?: string[];
  question_refs?: string[];
  organisation_id?: number | null;
  meeting_id?: number | null;
  author?: string | null;
  source?: string;
  round_id?: number | null;
  /** The signed-in user who gives or registers it. */
  user_id?: number | null;
}

async function checkExists(db: Db, table: 'organisation' | 'meeting', id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new ApiError(400, `Unknown ${table}: ${id}`, {
      field: `${table}_id`,
      unknown: [id],
      issues: [{ field: `${table}_id`, message: `No ${table} with id ${id}` }],
    });
  }
}

/** Registers input as pending; returns its id. 400 naming unknown refs or ids. Call inside a transaction. */
export async function createInput(db: Db, input: NewInput, actor: string): Promise<number> {
  const requirementIds = await requirementIdsByRef(db, input.requirement_refs ?? []);
  const questionIds = await questionIdsByRef(db, input.question_refs ?? []);
  await checkExists(db, 'organisation', input.organisation_id);
  await checkExists(db, 'meeting', input.meeting_id);
  const at = now();
  const source = input.source ?? DEFAULT_INPUT_SOURCE;
  const { id } = await db
    .insertInto('input')
    .values({
      text: input.text,
      type: input.type,
      area_code: input.area ?? null,
      organisation_id: input.organisation_id ?? null,
      meeting_id: input.meeting_id ?? null,
      author: input.author ?? null,
      round_id: input.round_id ?? null,
      user_id: input.user_id ?? null,
      disposition: 'pending',
      disposition_reason: '',
      source,
      search_text: searchable(input.text, input.author, source),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (requirementIds.length) {
    await db
      .insertInto('input_requirement')
      .values(requirementIds.map((requirement_id) => ({ input_id: id, requirement_id })))
      .execute();
  }
  if (questionIds.length) {
    await db
      .insertInto('input_question')
      .values(questionIds.map((question_id) => ({ input_id: id, question_id })))
      .execute();
  }
  const created = await getInput(db, id);
  await recordAudit(db, {
    actor,
    entity: 'input',
    entityId: id,
    entityRef: null,
    action: 'create',
    changes: diff({}, created, [
      'text',
      'type',
      'area_code',
      'organisation_id',
      'meeting_id',
      'author',
      'round_id',
      'disposition',
      'source',
      'requirement_refs',
      'question_refs',
    ]),
  });
  return id;
}

export function checkDispositionRules(disposition: Disposition, reason: string) {
  if (disposition !== 'pending' && reason.trim() === '') {
    throw new ApiError(400, `Disposition «${disposition}» needs a reason`, {
      issues: [{ field: 'reason', message: 'Required unless the disposition is pending' }],
    });
  }
}

/**
 * Sets the disposition of an input and its reason. A stale `expectedVersion` gets 409 with the input as
 * it is now, and nothing is written. Call inside a transaction.
 */
export async function setDisposition(
  db: Db,
  id: number,
  next: { disposition: Disposition; reason: string },
  actor: string,
  expectedVersion: number,
): Promise<void> {
  const row = await db
    .selectFrom('input')
    .select(['id', 'version', 'disposition', 'disposition_reason'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Input ${id}`);
  checkDispositionRules(next.disposition, next.reason);
  if (row.version !== expectedVersion) {
    throw new ApiError(
      409,
      `Input ${id} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
      { current: await getInput(db, id) },
    );
  }
  const after = { disposition: next.disposition, disposition_reason: next.reason.trim() };
  const changes = diff(row, after, ['disposition', 'disposition_reason']);
  if (Object.keys(changes).length === 0) return;
  const result = await db
    .updateTable('input')
    .set({ ...after, version: row.version + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ApiError(409, `Input ${id} was changed while you saved`, { current: await getInput(db, id) });
  }
  await recordAudit(db, { actor, entity: 'input', entityId: id, action: 'update', changes });
}
