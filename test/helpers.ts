/**
 * Shared test fixtures: a migrated in-memory database, optionally seeded, behind the real app, with one
 * signed-in user per role. `app.request()` and `call()` act as an analyst unless told otherwise.
 */

import { openMemoryDb } from '../schema/db.ts';
import type { Role } from '../schema/types.ts';
import { seedDatabase } from '../seeds/index.ts';
import { createApp } from '../server/app.ts';
import { SESSION_COOKIE } from '../server/lib/auth.ts';
import { hashPassword } from '../server/lib/passwords.ts';
import type { LoginLimits } from '../server/lib/rate-limit.ts';
import { createSession } from '../server/queries/sessions.ts';

export const TEST_PASSWORD = 'riktig hest batteri stift';
export const TEST_EMAILS: Record<Role, string> = {
  admin: 'admin@test.example',
  analyst: 'analytiker@test.example',
  viewer: 'leser@test.example',
  reference_member: 'medlem@test.example',
};
const NAMES: Record<Role, string> = {
  admin: 'Ada Admin',
  analyst: 'Anna Analytiker',
  viewer: 'Lars Leser',
  reference_member: 'Mona Medlem',
};

/** Who a request acts as: a role, or null for nobody signed in. */
export type Actor = Role | null;

export interface TestUser {
  id: number;
  email: string;
  /** The session cookie's token. */
  token: string;
}

// scrypt takes a while on purpose; every test user gets the same hash, made once per process.
let passwordHash: Promise<string> | undefined;

type Db = Awaited<ReturnType<typeof openMemoryDb>>['db'];

/** Adds an active user with TEST_PASSWORD and signs them in; returns their id and session token. */
export async function addUser(db: Db, role: Role, email = TEST_EMAILS[role], name = NAMES[role]): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const at = new Date().toISOString();
  const { id } = await db
    .insertInto('app_user')
    .values({ email, name, role, organisation_id: null, active: 1, version: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_credential')
    .values({ user_id: id, password_hash: await passwordHash, changed_at: at })
    .execute();
  return { id, email, token: await createSession(db, id) };
}

const raw = new WeakMap<object, { request: TestApp['request']; users: Record<Role, TestUser> }>();

/** One signed-in user per role (admin, analyst, viewer, reference_member). */
export async function addTestUsers(db: Db): Promise<Record<Role, TestUser>> {
  const users = {} as Record<Role, TestUser>;
  for (const role of ['admin', 'analyst', 'viewer', 'reference_member'] as const) users[role] = await addUser(db, role);
  return users;
}

/**
 * Makes `app.request()` act as `as` (existing tests call it directly) and lets `call()` act as any of
 * `users`. Returns the same app.
 */
export function useTestUsers<A extends TestApp>(app: A, users: Record<Role, TestUser>, as: Actor = 'analyst'): A {
  const request = app.request.bind(app);
  raw.set(app, { request, users });
  app.request = (input, init, env, ctx) => request(input, withSession(init, as ? users[as].token : null), env, ctx);
  return app;
}

export async function makeApp({
  seeded = true,
  as = 'analyst',
  loginLimits,
}: {
  seeded?: boolean;
  as?: Actor;
  loginLimits?: LoginLimits;
} = {}) {
  const { db, sqlite } = await openMemoryDb();
  if (seeded) await seedDatabase(db);
  const users = await addTestUsers(db);
  const app = useTestUsers(createApp({ db, loginLimits }), users, as);
  return { db, sqlite, app, users };
}

export type TestApp = ReturnType<typeof createApp>;

/** `init` with the session cookie of `token` (none for null) added to its headers. */
export function withSession(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token && !headers.has('cookie')) headers.set('cookie', `${SESSION_COOKIE}=${token}`);
  return { ...init, headers };
}

export interface CallOptions {
  /** Act as this role (default analyst), or null for nobody signed in. */
  as?: Actor;
  /** A session token to use instead of the role's. */
  token?: string;
  headers?: Record<string, string>;
}

/** A JSON request through `app.request()`; returns status, parsed body and headers. */
export async function call(app: TestApp, method: string, path: string, body?: unknown, options: CallOptions = {}) {
  const init: RequestInit = { method, headers: { ...options.headers } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const fixture = raw.get(app);
  const as = options.as === undefined ? 'analyst' : options.as;
  const token = options.token ?? (as && fixture ? fixture.users[as].token : null);
  const res = fixture ? await fixture.request(path, withSession(init, token)) : await app.request(path, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields freely and assert on them
  return { status: res.status, body: json as any, text, headers: res.headers };
}

/** A bound `call` for one role: `const asMember = callAs(app, 'reference_member')`. */
export const callAs =
  (app: TestApp, as: Actor) =>
  (method: string, path: string, body?: unknown, options: Omit<CallOptions, 'as'> = {}) =>
    call(app, method, path, body, { ...options, as });

/** Every table's rows, sorted, as one string: to prove a rejected request changed nothing. */
export async function dumpDb(sqlite: import('better-sqlite3').Database): Promise<string> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name",
    )
    .all() as { name: string }[];
  return tables
    .map(({ name }) => {
      const rows = sqlite
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r));
      rows.sort();
      return `${name}\n${rows.join('\n')}`;
    })
    .join('\n\n');
}
