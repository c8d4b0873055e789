/** Reference-group membership: which reference members speak in which Xt-EHR group's rounds. */
import type { Db } from '../../schema/db.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { now } from '../lib/text.ts';
import { recordAudit } from './audit.ts';

async function groupName(db: Db, groupId: number): Promise<string> {
  const group = await db.selectFrom('reference_group').select('name').where('id', '=', groupId).executeTakeFirst();
  if (!group) throw notFound(`Reference group ${groupId}`);
  return group.name;
}

export async function listMembers(db: Db, groupId: number) {
  await groupName(db, groupId);
  const rows = await db
    .selectFrom('reference_group_member')
    .innerJoin('app_user', 'app_user.id', 'reference_group_member.user_id')
    .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.active',
      'organisation.name as organisation',
      'reference_group_member.added_by',
      'reference_group_member.added_at',
    ])
    .where('reference_group_member.reference_group_id', '=', groupId)
    .orderBy('app_user.name')
    .execute();
  const items = rows.map((r) => ({ ...r, active: r.active === 1 }));
  return { items, total: items.length };
}

/**
 * Adds a user to a group. Only accounts with the role reference_member are members (400 otherwise); adding
 * one who is a member already is 409. Call inside a transaction.
 */
export async function addMember(db: Db, groupId: number, userId: number, actor: string) {
  const name = await groupName(db, groupId);
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) {
    throw new ApiError(400, `Unknown user: ${userId}`, {
      issues: [{ field: 'user_id', message: `No user with id ${userId}` }],
    });
  }
  if (user.role !== 'reference_member') {
    throw new ApiError(400, `${user.email} has the role ${user.role}; only reference members join a group`, {
      issues: [{ field: 'user_id', message: 'Give the user the role reference_member first' }],
    });
  }
  const existing = await db
    .selectFrom('reference_group_member')
    .select('user_id')
    .where('reference_group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing) throw new ApiError(409, `${user.email} is a member of ${name} already`);
  await db
    .insertInto('reference_group_member')
    .values({ reference_group_id: groupId, user_id: userId, added_by: actor, added_at: now() })
    .execute();
  await recordAudit(db, {
    actor,
    entity: 'reference_group_member',
    entityId: groupId,
    entityRef: name,
    action: 'update',
    changes: { member_added: [null, user.email] },
  });
}

/** Removes a member from a group; 404 when they are not one. Call inside a transaction. */
export async function removeMember(db: Db, groupId: number, userId: number, actor: string) {
  const name = await groupName(db, groupId);
  const member = await db
    .selectFrom('reference_group_member')
    .innerJoin('app_user', 'app_user.id', 'reference_group_member.user_id')
    .select('app_user.email')
    .where('reference_group_member.reference_group_id', '=', groupId)
    .where('reference_group_member.user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw notFound(`User ${userId} in ${name}`);
  await db
    .deleteFrom('reference_group_member')
    .where('reference_group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
  await recordAudit(db, {
    actor,
    entity: 'reference_group_member',
    entityId: groupId,
    entityRef: name,
    action: 'update',
    changes: { member_removed: [member.email, null] },
  });
}
