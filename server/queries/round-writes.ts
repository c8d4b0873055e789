/** Consultation rounds, write side: create, change (scope too), open and close, delete a draft. Read side: rounds.ts. */
import type { Db } from '../../schema/db.ts';
import type { ConsultationRound } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { now } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { requirementIdsByRef } from './questions.ts';
import { listRequirements, type RequirementFilters } from './requirements.ts';
import { todayOslo } from './rounds.ts';

async function rawRound(db: Db, id: number) {
  const row = await db.selectFrom('consultation_round').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Round ${id}`);
  return row;
}

/** The requirements a scope names: refs one by one and/or everything a requirement filter matches. */
async function scopeIds(db: Db, refs: string[] | undefined, filter: RequirementFilters | undefined): Promise<number[]> {
  const ids = new Set(await requirementIdsByRef(db, refs ?? []));
  if (filter) {
    const found = await listRequirements(db, filter, { limit: 100_000, offset: 0, sort: 'ref', order: 'asc' });
    if (found.items.length) {
      for (const id of await requirementIdsByRef(
        db,
        found.items.map((r) => r.ref),
      ))
        ids.add(id);
    }
  }
  return [...ids];
}

async function checkGroup(db: Db, id: number) {
  const row = await db.selectFrom('reference_group').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new ApiError(400, `Unknown reference group: ${id}`, {
      issues: [{ field: 'reference_group_id', message: `No reference group with id ${id}` }],
    });
  }
}

function checkDates(opens: string, closes: string) {
  if (closes < opens) {
    throw new ApiError(400, 'The round cannot close before it opens', {
      issues: [{ field: 'closes_on', message: 'On or after the opening date' }],
    });
  }
}

async function scopeRefs(db: Db, roundId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('round_requirement')
    .innerJoin('requirement', 'requirement.id', 'round_requirement.requirement_id')
    .select('requirement.ref')
    .where('round_id', '=', roundId)
    .orderBy('requirement.ref')
    .execute();
  return rows.map((r) => r.ref);
}

export interface NewRound {
  reference_group_id: number;
  title: string;
  description?: string;
  opens_on: string;
  closes_on: string;
  requirement_refs?: string[];
  requirement_filter?: RequirementFilters;
}

/** Creates a draft round with its scope; returns its id. Call inside a transaction. */
export async function createRound(db: Db, input: NewRound, actor: string): Promise<number> {
  await checkGroup(db, input.reference_group_id);
  checkDates(input.opens_on, input.closes_on);
  const ids = await scopeIds(db, input.requirement_refs, input.requirement_filter);
  const at = now();
  const { id } = await db
    .insertInto('consultation_round')
    .values({
      reference_group_id: input.reference_group_id,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      opens_on: input.opens_on,
      closes_on: input.closes_on,
      status: 'draft',
      created_by: actor,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (ids.length) {
    await db
      .insertInto('round_requirement')
      .values(ids.map((requirement_id) => ({ round_id: id, requirement_id })))
      .execute();
  }
  await recordAudit(db, {
    actor,
    entity: 'round',
    entityId: id,
    entityRef: input.title.trim(),
    action: 'create',
    changes: {
      reference_group_id: [null, input.reference_group_id],
      title: [null, input.title.trim()],
      opens_on: [null, input.opens_on],
      closes_on: [null, input.closes_on],
      requirement_refs: [null, await scopeRefs(db, id)],
    },
  });
  return id;
}

export interface RoundPatch {
  reference_group_id?: number;
  title?: string;
  description?: string;
  opens_on?: string;
  closes_on?: string;
  /** Replaces the scope (with requirement_filter: their union). */
  requirement_refs?: string[];
  requirement_filter?: RequirementFilters;
}

function stale(round: ConsultationRound, expected: number) {
  return new ApiError(
    409,
    `Round ${round.id} was changed by someone else (version ${round.version}, you read ${expected})`,
  );
}

/**
 * Changes a round. The group changes only while it is a draft; a closed round's scope is fixed; a
 * requirement that already has input in the round stays in its scope. Call inside a transaction.
 */
export async function updateRound(db: Db, id: number, patch: RoundPatch, actor: string, expectedVersion: number) {
  const before = await rawRound(db, id);
  if (before.version !== expectedVersion) throw stale(before, expectedVersion);
  if (patch.reference_group_id !== undefined && patch.reference_group_id !== before.reference_group_id) {
    if (before.status !== 'draft') throw new ApiError(409, 'The group of a round changes only while it is a draft');
    await checkGroup(db, patch.reference_group_id);
  }
  const after = {
    reference_group_id: patch.reference_group_id ?? before.reference_group_id,
    title: patch.title?.trim() ?? before.title,
    description: patch.description?.trim() ?? before.description,
    opens_on: patch.opens_on ?? before.opens_on,
    closes_on: patch.closes_on ?? before.closes_on,
  };
  checkDates(after.opens_on, after.closes_on);
  const changes = diff(before, after, ['reference_group_id', 'title', 'description', 'opens_on', 'closes_on']);

  if (patch.requirement_refs !== undefined || patch.requirement_filter !== undefined) {
    const next = await scopeIds(db, patch.requirement_refs, patch.requirement_filter);
    const current = (
      await db.selectFrom('round_requirement').select('requirement_id').where('round_id', '=', id).execute()
    ).map((r) => r.requirement_id);
    const removed = current.filter((r) => !next.includes(r));
    const added = next.filter((r) => !current.includes(r));
    if ((removed.length || added.length) && before.status === 'closed') {
      throw new ApiError(409, 'The scope of a closed round is fixed');
    }
    if (removed.length) {
      const withInput = await db
        .selectFrom('input_requirement')
        .innerJoin('input', 'input.id', 'input_requirement.input_id')
        .innerJoin('requirement', 'requirement.id', 'input_requirement.requirement_id')
        .select('requirement.ref')
        .distinct()
        .where('input.round_id', '=', id)
        .where('input_requirement.requirement_id', 'in', removed)
        .execute();
      if (withInput.length) {
        throw new ApiError(
          409,
          `Input was given on ${withInput.map((r) => r.ref).join(', ')} in this round; it stays in the scope`,
          { field: 'requirement_refs' },
        );
      }
      await db
        .deleteFrom('round_requirement')
        .where('round_id', '=', id)
        .where('requirement_id', 'in', removed)
        .execute();
    }
    if (added.length) {
      await db
        .insertInto('round_requirement')
        .values(added.map((requirement_id) => ({ round_id: id, requirement_id })))
        .execute();
    }
    if (removed.length || added.length) {
      const beforeRefs = (
        await db
          .selectFrom('requirement')
          .select('ref')
          .where('id', 'in', current.length ? current : [-1])
          .execute()
      )
        .map((r) => r.ref)
        .sort();
      changes.requirement_refs = [beforeRefs, await scopeRefs(db, id)];
    }
  }
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('consultation_round')
    .set({ ...after, version: before.version + 1, updated_at: now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, { actor, entity: 'round', entityId: id, entityRef: after.title, action: 'update', changes });
}

/**
 * Opens (from draft, or again after closing) or closes (from open) a round. Opening needs a scope and a
 * closing date that has not passed. Call inside a transaction.
 */
export async function setRoundStatus(db: Db, id: number, to: 'open' | 'closed', actor: string) {
  const round = await rawRound(db, id);
  if (to === 'open') {
    if (round.status === 'open') throw new ApiError(409, 'The round is open already');
    const { n } = await db
      .selectFrom('round_requirement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) throw new ApiError(409, 'A round without requirements in its scope cannot open');
    if (round.closes_on < todayOslo()) {
      throw new ApiError(409, `The closing date ${round.closes_on} has passed; set a later one before opening`);
    }
  } else if (round.status !== 'open') {
    throw new ApiError(409, `Only an open round can be closed; this one is ${round.status}`);
  }
  await db
    .updateTable('consultation_round')
    .set({ status: to, version: round.version + 1, updated_at: now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(db, {
    actor,
    entity: 'round',
    entityId: id,
    entityRef: round.title,
    action: 'update',
    changes: { status: [round.status, to] },
  });
}

/** Deletes a draft round that has no input. Call inside a transaction. */
export async function deleteRound(db: Db, id: number, actor: string) {
  const round = await rawRound(db, id);
  if (round.status !== 'draft') throw new ApiError(409, 'Only a draft round can be deleted; close it instead');
  const input = await db.selectFrom('input').select('id').where('round_id', '=', id).limit(1).executeTakeFirst();
  if (input) throw new ApiError(409, 'The round has input; it cannot be deleted');
  await db.deleteFrom('consultation_round').where('id', '=', id).execute();
  await recordAudit(db, {
    actor,
    entity: 'round',
    entityId: id,
    entityRef: round.title,
    action: 'delete',
    changes: { title: [round.title, null], status: [round.status, null] },
  });
}
