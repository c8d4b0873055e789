/**
 * Server-side sessions. The cookie carries a random token; only its sha256 is stored, so a copy of the
 * database signs no one in. A session ends after 12 hours without use, after 7 days in any case, on
 * sign-out, when the password changes, and when the user is deactivated or changes role.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../schema/db.ts';
import type { Role } from '../../schema/types.ts';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so that reading is not a write on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session; returns the token for the cookie (never stored). */
export async function createSession(db: Db, userId: number, at = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
      expires_at: new Date(at.getTime() + SESSION_MAX_MS).toISOString(),
    })
    .execute();
  return token;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation_id: number | null;
  /** sha256 of the session's token: to end this session, or keep it when others end. */
  sessionHash: string;
}

/** The active user of a live session, or null; refreshes last_seen_at now and then. */
export async function findSession(db: Db, token: string, at = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select([
      'user_session.last_seen_at',
      'user_session.expires_at',
      'app_user.id',
      'app_user.email',
      'app_user.name',
      'app_user.role',
      'app_user.organisation_id',
      'app_user.active',
    ])
    .where('user_session.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const nowMs = at.getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (row.active !== 1 || Date.parse(row.expires_at) <= nowMs || lastSeen + SESSION_IDLE_MS <= nowMs) {
    await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (nowMs - lastSeen >= TOUCH_EVERY_MS) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: at.toISOString() })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation_id: row.organisation_id,
    sessionHash: tokenHash,
  };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a user, except the one whose hash is `keep`. */
export async function deleteSessionsOf(db: Db, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keep) q = q.where('token_hash', '!=', keep);
  await q.execute();
}

/** Removes sessions that have run out; called on sign-in, so the table does not grow. */
export async function purgeExpiredSessions(db: Db, at = new Date()): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', at.toISOString()),
        eb('last_seen_at', '<=', new Date(at.getTime() - SESSION_IDLE_MS).toISOString()),
      ]),
    )
    .execute();
}
