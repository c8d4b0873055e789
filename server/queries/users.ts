/**
 * Users (accounts): listing, creating, changing role/name/organisation/active, setting passwords, and the
 * first administrator. The password hash is read only by `credentialOf`; nothing else selects it.
 */
import type { Db } from '../../schema/db.ts';
import type { Role } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { generatePassword, hashPassword, passwordProblem } from '../lib/passwords.ts';
import { now, searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { deleteSessionsOf } from './sessions.ts';

/** E-mail addresses compare without case and surrounding space. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const USER_COLUMNS = [
  'app_user.id',
  'app_user.email',
  'app_user.name',
  'app_user.role',
  'app_user.organisation_id',
  'organisation.name as organisation',
  'app_user.active',
  'app_user.version',
  'app_user.created_at',
  'app_user.updated_at',
] as const;

function selectUsers(db: Db) {
  return db.selectFrom('app_user').leftJoin('organisation', 'organisation.id', 'app_user.organisation_id');
}

async function groupsOf(db: Db, ids: number[]) {
  const groups = new Map<number, { id: number; name: string }[]>();
  if (ids.length === 0) return groups;
  const rows = await db
    .selectFrom('reference_group_member')
    .innerJoin('reference_group', 'reference_group.id', 'reference_group_member.reference_group_id')
    .select(['reference_group_member.user_id', 'reference_group.id', 'reference_group.name'])
    .where('reference_group_member.user_id', 'in', ids)
    .orderBy('reference_group.name')
    .execute();
  for (const r of rows) groups.set(r.user_id, [...(groups.get(r.user_id) ?? []), { id: r.id, name: r.name }]);
  return groups;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation_id: number | null;
  organisation: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

function view(row: UserRow, groups: { id: number; name: string }[]) {
  return { ...row, active: row.active === 1, reference_groups: groups };
}

export type UserView = ReturnType<typeof view>;

export interface UserFilters {
  role?: Role;
  active?: boolean;
  q?: string;
}

export async function listUsers(db: Db, f: UserFilters, page: { limit: number; offset: number }) {
  let qb = selectUsers(db);
  if (f.role) qb = qb.where('app_user.role', '=', f.role);
  if (f.active !== undefined) qb = qb.where('app_user.active', '=', f.active ? 1 : 0);
  const rows = (await qb.select(USER_COLUMNS).orderBy('app_user.name').orderBy('app_user.id').execute()) as UserRow[];
  const terms = searchTerms(f.q);
  const matching = rows.filter((r) => {
    const text = searchable(r.name, r.email, r.organisation);
    return terms.every((t) => text.includes(t));
  });
  const pageRows = matching.slice(page.offset, page.offset + page.limit);
  const groups = await groupsOf(
    db,
    pageRows.map((r) => r.id),
  );
  return { items: pageRows.map((r) => view(r, groups.get(r.id) ?? [])), total: matching.length };
}

export async function getUser(db: Db, id: number): Promise<UserView> {
  const row = (await selectUsers(db).select(USER_COLUMNS).where('app_user.id', '=', id).executeTakeFirst()) as
    | UserRow
    | undefined;
  if (!row) throw notFound(`User ${id}`);
  return view(row, (await groupsOf(db, [id])).get(id) ?? []);
}

export async function findUserIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row?.id;
}

/** The account and its password hash, for signing in only. */
export async function credentialOf(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .innerJoin('user_credential', 'user_credential.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.active', 'user_credential.password_hash'])
    .where('app_user.email', '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function passwordHashOf(db: Db, userId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_credential')
    .select('password_hash')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash;
}

function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, problem, { issues: [{ field: 'password', message: problem }] });
}

async function checkOrganisation(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const row = await db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new ApiError(400, `Unknown organisation: ${id}`, {
      issues: [{ field: 'organisation_id', message: `No organisation with id ${id}` }],
    });
  }
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  organisation_id?: number | null;
  password: string;
}

/** Creates an active user; 409 when the e-mail is taken (whatever its case). Call inside a transaction. */
export async function createUser(db: Db, input: NewUser, actor: string): Promise<number> {
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  await checkOrganisation(db, input.organisation_id);
  if (await findUserIdByEmail(db, email)) {
    throw new ApiError(409, `A user with the e-mail ${email} exists already`, {
      issues: [{ field: 'email', message: 'In use' }],
    });
  }
  const at = now();
  const { id } = await db
    .insertInto('app_user')
    .values({
      email,
      name: input.name.trim(),
      role: input.role,
      organisation_id: input.organisation_id ?? null,
      active: 1,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_credential')
    .values({ user_id: id, password_hash: await hashPassword(input.password), changed_at: at })
    .execute();
  await recordAudit(db, {
    actor,
    entity: 'user',
    entityId: id,
    entityRef: email,
    action: 'create',
    changes: { email: [null, email], name: [null, input.name.trim()], role: [null, input.role] },
  });
  return id;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  organisation_id?: number | null;
  active?: boolean;
}

async function activeAdminCount(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Changes a user. A stale version gets 409 with the user as stored. The last active administrator can be
 * neither deactivated nor given another role (409). Deactivating ends the user's sessions. Call inside a
 * transaction.
 */
export async function updateUser(db: Db, id: number, patch: UserPatch, actor: string, expectedVersion: number) {
  const before = await getUser(db, id);
  if (before.version !== expectedVersion) {
    throw new ApiError(
      409,
      `User ${id} was changed by someone else (version ${before.version}, you read ${expectedVersion})`,
      {
        current: before,
      },
    );
  }
  await checkOrganisation(db, patch.organisation_id);
  const losesAdmin =
    before.role === 'admin' &&
    before.active &&
    ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
  if (losesAdmin && (await activeAdminCount(db)) <= 1) {
    throw new ApiError(409, 'This is the last active administrator; make another administrator first');
  }
  const after = {
    name: patch.name?.trim() ?? before.name,
    role: patch.role ?? before.role,
    organisation_id: patch.organisation_id === undefined ? before.organisation_id : patch.organisation_id,
    active: patch.active ?? before.active,
  };
  const changes = diff(before, after, ['name', 'role', 'organisation_id', 'active']);
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('app_user')
    .set({ ...after, active: after.active ? 1 : 0, version: before.version + 1, updated_at: now() })
    .where('id', '=', id)
    .execute();
  if (!after.active || after.role !== before.role) await deleteSessionsOf(db, id);
  await recordAudit(db, { actor, entity: 'user', entityId: id, entityRef: before.email, action: 'update', changes });
}

/** Replaces a user's password and ends their sessions (except `keepSession`). Call inside a transaction. */
export async function setPassword(
  db: Db,
  id: number,
  password: string,
  actor: string,
  keepSession?: string,
): Promise<void> {
  const user = await getUser(db, id);
  checkPassword(password);
  const hash = await hashPassword(password);
  await db
    .insertInto('user_credential')
    .values({ user_id: id, password_hash: hash, changed_at: now() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: hash, changed_at: now() }))
    .execute();
  await deleteSessionsOf(db, id, keepSession);
  // The audit log says that the password changed, never what it is.
  await recordAudit(db, {
    actor,
    entity: 'user',
    entityId: id,
    entityRef: user.email,
    action: 'update',
    changes: { password: ['(set)', '(changed)'] },
  });
}

/** Stores a new hash for the same password (after a login with older scrypt parameters); not a change. */
export async function rehashPassword(db: Db, id: number, password: string): Promise<void> {
  await db
    .updateTable('user_credential')
    .set({ password_hash: await hashPassword(password) })
    .where('user_id', '=', id)
    .execute();
}

export interface FirstAdmin {
  email: string;
  /** Set only when the password was generated here: to be shown once. */
  generatedPassword?: string;
}

/**
 * On a database without users, creates the first administrator: from EHDS_ADMIN_EMAIL and
 * EHDS_ADMIN_PASSWORD when set, else `admin@ehds-gap.local` with a random password returned to be printed
 * once. Does nothing when any user exists. There is no default password.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { adminEmail?: string; adminPassword?: string },
): Promise<FirstAdmin | null> {
  return db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    const email = normaliseEmail(env.adminEmail || 'admin@ehds-gap.local');
    const generated = env.adminPassword ? undefined : generatePassword();
    await createUser(
      trx,
      { email, name: 'Administrator', role: 'admin', password: env.adminPassword || (generated as string) },
      'system',
    );
    return { email, generatedPassword: generated };
  });
}
