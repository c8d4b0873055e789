/**
 * What a reference-group member may see: the rounds of their groups that are open or closed (never a
 * draft), the requirements in those rounds' scope, and the input given in those rounds. Routes that let
 * members in (server/lib/access.ts) narrow their answers with these.
 */
import type { Db } from '../../schema/db.ts';
import type { SessionUser } from './sessions.ts';

export interface MemberScope {
  groupIds: number[];
  /** Open and closed rounds of their groups. */
  roundIds: number[];
  /** Requirements in the scope of those rounds. */
  requirementIds: number[];
}

export async function memberScope(db: Db, userId: number): Promise<MemberScope> {
  const groups = await db
    .selectFrom('reference_group_member')
    .select('reference_group_id')
    .where('user_id', '=', userId)
    .execute();
  const groupIds = groups.map((g) => g.reference_group_id);
  if (groupIds.length === 0) return { groupIds, roundIds: [], requirementIds: [] };
  const rounds = await db
    .selectFrom('consultation_round')
    .select('id')
    .where('reference_group_id', 'in', groupIds)
    .where('status', 'in', ['open', 'closed'])
    .execute();
  const roundIds = rounds.map((r) => r.id);
  if (roundIds.length === 0) return { groupIds, roundIds, requirementIds: [] };
  const requirements = await db
    .selectFrom('round_requirement')
    .select('requirement_id')
    .distinct()
    .where('round_id', 'in', roundIds)
    .execute();
  return { groupIds, roundIds, requirementIds: requirements.map((r) => r.requirement_id) };
}

export const isMember = (user: SessionUser | null): user is SessionUser => user?.role === 'reference_member';

/** The member's scope, or undefined for staff (who see everything their role may read). */
export async function scopeOf(db: Db, user: SessionUser | null): Promise<MemberScope | undefined> {
  return isMember(user) ? memberScope(db, user.id) : undefined;
}
