/**
 * The rules for giving, editing and withdrawing input as a signed-in user: a reference-group member gives
 * input only in an open round of their group, about requirements in its scope or the round as a whole;
 * anyone edits or withdraws only their own input, and input given in a round only while it takes input.
 */
import type { Db } from '../../schema/db.ts';
import type { InputType } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { now, searchable } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { createInput, getInput, type NewInput } from './inputs.ts';
import { requirementIdsByRef } from './questions.ts';
import { acceptsInput, roundForInput, roundScopeIds } from './rounds.ts';
import type { MemberScope } from './scope.ts';
import type { SessionUser } from './sessions.ts';

const closed = (title: string) =>
  new ApiError(409, `The round «${title}» is closed: its input can no longer be given, changed or withdrawn`);

/** 400 naming the refs outside the round's scope. */
async function checkInScope(db: Db, roundId: number, refs: string[]) {
  const ids = await requirementIdsByRef(db, refs);
  const scope = new Set(await roundScopeIds(db, roundId));
  const outsideIds = ids.filter((id) => !scope.has(id));
  if (outsideIds.length) {
    const rows = await db
      .selectFrom('requirement')
      .select('ref')
      .where('id', 'in', outsideIds)
      .orderBy('ref')
      .execute();
    const named = rows.map((r) => r.ref).join(', ');
    throw new ApiError(400, `Not in the round's scope: ${named}`, {
      field: 'requirement_refs',
      issues: [{ field: 'requirement_refs', message: `Not in the round's scope: ${named}` }],
    });
  }
  return ids;
}

/** Fields a member does not choose: they come from the account and the round. */
const STAFF_ONLY = ['organisation_id', 'meeting_id', 'author', 'source', 'question_refs', 'area'] as const;

/**
 * Gives input as `user`. Members: only with `round_id` of an open round of their group, refs in its
 * scope; author, organisation and source come from the account and the round. Staff may register input in
 * any round (refs in its scope) or outside rounds. Returns the new input's id. Call inside a transaction.
 */
export async function giveInput(
  db: Db,
  body: NewInput,
  user: SessionUser,
  scope: MemberScope | undefined,
): Promise<number> {
  if (scope) {
    const given = STAFF_ONLY.filter(
      (f) =>
        body[f] !== undefined && body[f] !== null && !(Array.isArray(body[f]) && (body[f] as unknown[]).length === 0),
    );
    if (given.length) {
      throw new ApiError(
        400,
        `A reference-group member does not set ${given.join(', ')}; they come from the account and the round`,
        {
          issues: given.map((field) => ({ field, message: 'Not for reference-group members' })),
        },
      );
    }
    if (body.round_id === undefined || body.round_id === null) {
      throw new ApiError(400, 'Give the round (round_id) the input belongs to', {
        issues: [{ field: 'round_id', message: 'Required for reference-group members' }],
      });
    }
  }
  let extra: Partial<NewInput> = {};
  if (body.round_id !== undefined && body.round_id !== null) {
    const round = await roundForInput(db, body.round_id);
    if (scope && (!round || !scope.roundIds.includes(round.id))) {
      throw new ApiError(403, `Round ${body.round_id} is not a round of your reference group`);
    }
    if (!round) {
      throw new ApiError(400, `Unknown round: ${body.round_id}`, {
        issues: [{ field: 'round_id', message: `No round with id ${body.round_id}` }],
      });
    }
    if (scope && !acceptsInput(round)) throw closed(round.title);
    await checkInScope(db, round.id, body.requirement_refs ?? []);
    if (scope) {
      const areas = await db
        .selectFrom('requirement')
        .select('area_code')
        .distinct()
        .where('ref', 'in', body.requirement_refs?.length ? body.requirement_refs : [''])
        .execute();
      extra = {
        author: user.name,
        organisation_id: user.organisation_id,
        source: `Høringsrunde «${round.title}» (${round.reference_group})`,
        area: areas.length === 1 ? (areas[0]?.area_code ?? null) : null,
      };
    }
  }
  return createInput(db, { ...body, ...extra, user_id: user.id }, user.email);
}

/** The input, if `user` may change it now: their own, and in a round only while the round takes input. */
async function ownInput(db: Db, id: number, user: SessionUser, scope: MemberScope | undefined) {
  const input = await db
    .selectFrom('input')
    .select(['id', 'user_id', 'round_id', 'version', 'text', 'type', 'author', 'source'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!input || (scope && (input.round_id === null || !scope.roundIds.includes(input.round_id)))) {
    throw notFound(`Input ${id}`);
  }
  if (input.user_id !== user.id) throw new ApiError(403, `Input ${id} is not yours; only its author changes it`);
  if (input.round_id !== null) {
    const round = await roundForInput(db, input.round_id);
    if (round && !acceptsInput(round)) throw closed(round.title);
  }
  return input;
}

export interface InputEdit {
  text?: string;
  type?: InputType;
  requirement_refs?: string[];
}

/** Edits one's own input; a stale version gets 409 with the input as stored. Call inside a transaction. */
export async function editOwnInput(
  db: Db,
  id: number,
  edit: InputEdit,
  user: SessionUser,
  scope: MemberScope | undefined,
  expectedVersion: number,
) {
  const input = await ownInput(db, id, user, scope);
  const before = await getInput(db, id);
  if (input.version !== expectedVersion) {
    throw new ApiError(409, `Input ${id} was changed (version ${input.version}, you read ${expectedVersion})`, {
      current: before,
    });
  }
  let requirementIds: number[] | undefined;
  if (edit.requirement_refs !== undefined) {
    requirementIds =
      input.round_id !== null
        ? await checkInScope(db, input.round_id, edit.requirement_refs)
        : await requirementIdsByRef(db, edit.requirement_refs);
  }
  const text = edit.text ?? input.text;
  const changes = diff(
    before,
    { text, type: edit.type ?? input.type, requirement_refs: edit.requirement_refs ?? before.requirement_refs },
    ['text', 'type', 'requirement_refs'],
  );
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('input')
    .set({
      text,
      type: edit.type ?? input.type,
      search_text: searchable(text, input.author, input.source),
      version: input.version + 1,
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
  if (requirementIds) {
    await db.deleteFrom('input_requirement').where('input_id', '=', id).execute();
    if (requirementIds.length) {
      await db
        .insertInto('input_requirement')
        .values(requirementIds.map((requirement_id) => ({ input_id: id, requirement_id })))
        .execute();
    }
  }
  await recordAudit(db, { actor: user.email, entity: 'input', entityId: id, action: 'update', changes });
}

/** Withdraws (deletes) one's own input; the audit log keeps what it said. Call inside a transaction. */
export async function withdrawOwnInput(db: Db, id: number, user: SessionUser, scope: MemberScope | undefined) {
  await ownInput(db, id, user, scope);
  const before = await getInput(db, id);
  await db.deleteFrom('input').where('id', '=', id).execute();
  await recordAudit(db, {
    actor: user.email,
    entity: 'input',
    entityId: id,
    action: 'delete',
    changes: {
      text: [before.text, null],
      type: [before.type, null],
      round_id: [before.round_id, null],
      requirement_refs: [before.requirement_refs, null],
      disposition: [before.disposition, null],
    },
  });
}
