/**
 * Signing in and out, sessions, password storage, the first administrator, sign-in throttling,
 * cross-site request forgery and the security headers.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openMemoryDb } from '../../schema/db.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/lib/security.ts';
import { hashToken, SESSION_IDLE_MS } from '../../server/queries/sessions.ts';
import { ensureFirstAdmin } from '../../server/queries/users.ts';
import { addUser, call, makeApp, TEST_EMAILS, TEST_PASSWORD, type TestApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;

async function login(
  app: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
  address = '10.0.0.1',
) {
  const res = await app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    },
    // What @hono/node-server passes: the socket, for the client's address.
    { incoming: { socket: { remoteAddress: address } } },
  );
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields freely
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as any };
}

const cookieOf = (headers: Headers) => (headers.get('set-cookie') ?? '').split(';')[0] as string;

// ---------------------------------------------------------------------------------------------

const Sessions = suite<Ctx>('auth: sign in, sessions, sign out');

Sessions.before(async (ctx) => {
  Object.assign(
    ctx,
    await makeApp({ as: null, loginLimits: { perAccount: 1000, perAddress: 1000, windowMs: 60_000 } }),
  );
});

Sessions(
  'sign in: 200 with who you are and an HttpOnly, SameSite=Lax session cookie; never the password',
  async ({ app }) => {
    const res = await login(app, TEST_EMAILS.analyst.toUpperCase(), TEST_PASSWORD);
    assert.is(res.status, 200);
    assert.is(res.body.email, TEST_EMAILS.analyst, 'e-mail matched whatever its case');
    assert.is(res.body.role, 'analyst');
    assert.not.ok(JSON.stringify(res.body).includes(TEST_PASSWORD));
    assert.not.ok('password_hash' in res.body);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^ehds_session=[A-Za-z0-9_-]{40,};/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /Max-Age=\d+/);
    assert.not.match(cookie, /Secure/i, 'plain http: no Secure flag, or the browser would drop the cookie');
    const me = await call(app, 'GET', '/api/auth/me', undefined, {
      as: null,
      headers: { cookie: cookieOf(res.headers) },
    });
    assert.is(me.status, 200);
    assert.is(me.body.email, TEST_EMAILS.analyst);
  },
);

Sessions('over https (directly or behind a proxy that says so) the cookie is Secure', async ({ app }) => {
  const res = await login(app, TEST_EMAILS.viewer, TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
  assert.is(res.status, 200);
  assert.match(res.headers.get('set-cookie') ?? '', /Secure/);
});

Sessions('only the sha256 of the token is stored', async ({ app, db }) => {
  const res = await login(app, TEST_EMAILS.viewer, TEST_PASSWORD);
  const token = cookieOf(res.headers).split('=')[1] as string;
  const rows = await db.selectFrom('user_session').selectAll().execute();
  assert.ok(rows.some((r) => r.token_hash === hashToken(token)));
  assert.not.ok(rows.some((r) => JSON.stringify(r).includes(token)));
});

Sessions('wrong password, unknown e-mail and a deactivated account all get the same 401', async ({ app, db }) => {
  const retired = await addUser(db, 'viewer', 'pensjonert@test.example', 'Pensjonert');
  await db.updateTable('app_user').set({ active: 0 }).where('id', '=', retired.id).execute();
  const wrong = await login(app, TEST_EMAILS.viewer, 'feil passord her');
  const unknown = await login(app, 'ingen@test.example', TEST_PASSWORD);
  const deactivated = await login(app, 'pensjonert@test.example', TEST_PASSWORD);
  for (const res of [wrong, unknown, deactivated]) {
    assert.is(res.status, 401);
    assert.is(res.body.error.message, wrong.body.error.message);
    assert.is(res.headers.get('set-cookie'), null);
  }
});

Sessions('sign out ends the session on the server: the old cookie is refused afterwards', async ({ app, db }) => {
  const res = await login(app, TEST_EMAILS.admin, TEST_PASSWORD);
  const cookie = cookieOf(res.headers);
  const before = await db.selectFrom('user_session').select('token_hash').execute();
  const out = await call(app, 'POST', '/api/auth/logout', undefined, { as: null, headers: { cookie } });
  assert.is(out.status, 204);
  assert.match(out.headers.get('set-cookie') ?? '', /ehds_session=;.*Max-Age=0/i);
  const after = await db.selectFrom('user_session').select('token_hash').execute();
  assert.is(after.length, before.length - 1);
  const me = await call(app, 'GET', '/api/auth/me', undefined, { as: null, headers: { cookie } });
  assert.is(me.status, 401);
});

Sessions('a session ends after 12 hours unused and after 7 days in any case', async ({ app, db }) => {
  const idle = cookieOf((await login(app, TEST_EMAILS.viewer, TEST_PASSWORD)).headers);
  const old = cookieOf((await login(app, TEST_EMAILS.viewer, TEST_PASSWORD)).headers);
  const hash = (cookie: string) => hashToken(cookie.split('=')[1] as string);
  await db
    .updateTable('user_session')
    .set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS - 1000).toISOString() })
    .where('token_hash', '=', hash(idle))
    .execute();
  await db
    .updateTable('user_session')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('token_hash', '=', hash(old))
    .execute();
  for (const cookie of [idle, old]) {
    const me = await call(app, 'GET', '/api/auth/me', undefined, { as: null, headers: { cookie } });
    assert.is(me.status, 401);
  }
  const left = await db
    .selectFrom('user_session')
    .select('token_hash')
    .where('token_hash', 'in', [hash(idle), hash(old)])
    .execute();
  assert.equal(left, [], 'ended sessions are deleted');
});

Sessions('a forged or malformed cookie is simply not signed in', async ({ app }) => {
  for (const cookie of ['ehds_session=abc', `ehds_session=${'x'.repeat(5000)}`, 'ehds_session=', 'other=1']) {
    const me = await call(app, 'GET', '/api/auth/me', undefined, { as: null, headers: { cookie } });
    assert.is(me.status, 401, cookie.slice(0, 40));
  }
});

Sessions('deactivating a user or resetting their password ends their sessions at once', async ({ app, users }) => {
  const viewer = { headers: { cookie: `ehds_session=${users.viewer.token}` }, as: null } as const;
  assert.is((await call(app, 'GET', '/api/auth/me', undefined, viewer)).status, 200);
  const before = await call(app, 'GET', `/api/users/${users.viewer.id}`, undefined, { as: 'admin' });
  const res = await call(
    app,
    'PATCH',
    `/api/users/${users.viewer.id}`,
    { version: before.body.version, active: false },
    { as: 'admin' },
  );
  assert.is(res.status, 200);
  assert.is((await call(app, 'GET', '/api/auth/me', undefined, viewer)).status, 401);
  assert.is((await login(app, TEST_EMAILS.viewer, TEST_PASSWORD)).status, 401, 'a deactivated account cannot sign in');
  const member = { headers: { cookie: `ehds_session=${users.reference_member.token}` }, as: null } as const;
  const reset = await call(
    app,
    'PUT',
    `/api/users/${users.reference_member.id}/password`,
    { password: 'et helt nytt passord' },
    { as: 'admin' },
  );
  assert.is(reset.status, 204);
  assert.is((await call(app, 'GET', '/api/auth/me', undefined, member)).status, 401);
  assert.is((await login(app, TEST_EMAILS.reference_member, 'et helt nytt passord')).status, 200);
});

Sessions('changing one’s own password needs the current one and keeps this session', async ({ app, users }) => {
  const me = { as: 'analyst' } as const;
  const wrong = await call(
    app,
    'PUT',
    '/api/auth/password',
    { current_password: 'feil', new_password: 'nytt og langt passord' },
    me,
  );
  assert.is(wrong.status, 400);
  const short = await call(
    app,
    'PUT',
    '/api/auth/password',
    { current_password: TEST_PASSWORD, new_password: 'kort' },
    me,
  );
  assert.is(short.status, 400);
  const ok = await call(
    app,
    'PUT',
    '/api/auth/password',
    { current_password: TEST_PASSWORD, new_password: 'nytt og langt passord' },
    me,
  );
  assert.is(ok.status, 204);
  assert.is((await call(app, 'GET', '/api/auth/me', undefined, me)).status, 200, 'this session goes on');
  assert.is((await login(app, TEST_EMAILS.analyst, 'nytt og langt passord')).status, 200);
  assert.is((await login(app, TEST_EMAILS.analyst, TEST_PASSWORD)).status, 401);
  assert.ok(users.analyst.token);
});

Sessions.run();

// ---------------------------------------------------------------------------------------------

const Passwords = suite('auth: passwords are stored hashed and never handed out');

Passwords('scrypt with a random salt; never equal to the password; never in an answer or an export', async () => {
  const { app, db } = await makeApp({ as: null });
  const password = 'Et Hemmelig Passord 2026!';
  const created = await call(
    app,
    'POST',
    '/api/users',
    { email: 'Ny.Bruker@Test.Example', name: 'Ny Bruker', role: 'reference_member', password },
    { as: 'admin' },
  );
  assert.is(created.status, 201);
  assert.is(created.body.email, 'ny.bruker@test.example');
  const again = await call(
    app,
    'POST',
    '/api/users',
    { email: 'ny.bruker@TEST.example', name: 'Dobbel', role: 'viewer', password },
    { as: 'admin' },
  );
  assert.is(again.status, 409, 'e-mail unique whatever its case');
  const other = await call(
    app,
    'POST',
    '/api/users',
    { email: 'annen@test.example', name: 'Annen', role: 'viewer', password },
    { as: 'admin' },
  );
  const rows = await db
    .selectFrom('user_credential')
    .selectAll()
    .where('user_id', 'in', [created.body.id, other.body.id])
    .execute();
  assert.is(rows.length, 2);
  for (const row of rows) {
    assert.match(row.password_hash, /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.not.ok(row.password_hash.includes(password));
  }
  assert.is.not(rows[0]!.password_hash, rows[1]!.password_hash, 'the same password, different salts');

  const signedIn = await login(app, 'ny.bruker@test.example', password);
  const cookie = cookieOf(signedIn.headers);
  const hash = rows[0]!.password_hash;
  const salt = hash.split('$')[4] as string;
  const answers = [
    created.text,
    other.text,
    JSON.stringify(signedIn.body),
    (await call(app, 'GET', '/api/users?limit=1000', undefined, { as: 'admin' })).text,
    (await call(app, 'GET', `/api/users/${created.body.id}`, undefined, { as: 'admin' })).text,
    (await call(app, 'GET', '/api/auth/me', undefined, { as: null, headers: { cookie } })).text,
    (await call(app, 'GET', '/api/export/snapshot.json', undefined, { as: 'admin' })).text,
    (await call(app, 'GET', '/api/export/requirements.csv', undefined, { as: 'admin' })).text,
    (await db.selectFrom('audit_log').select('changes').execute()).map((r) => r.changes).join('\n'),
  ];
  for (const text of answers) {
    assert.not.ok(text.includes(password), 'the password');
    assert.not.ok(text.includes(salt), 'the hash or its salt');
    assert.not.ok(text.includes('password_hash'));
  }
  const snapshot = JSON.parse(answers[6] as string);
  for (const table of ['app_user', 'user_credential', 'user_session', 'reference_group_member']) {
    assert.is(snapshot.tables[table], undefined, `${table} is not in the snapshot`);
  }
  assert.ok(snapshot.tables.input.every((i: object) => !('user_id' in i)));
});

Passwords('the first administrator: from the environment, else a generated password; never a default', async () => {
  const { db } = await openMemoryDb();
  const fromEnv = await ensureFirstAdmin(db, {
    adminEmail: 'Sjef@Helsedir.example',
    adminPassword: 'et sterkt passord',
  });
  assert.equal(fromEnv, { email: 'sjef@helsedir.example', generatedPassword: undefined });
  assert.is(
    await ensureFirstAdmin(db, { adminEmail: 'to@x.example', adminPassword: 'et annet passord' }),
    null,
    'only once',
  );

  const other = await openMemoryDb();
  const generated = await ensureFirstAdmin(other.db, {});
  assert.ok(generated?.generatedPassword && generated.generatedPassword.length >= 20);
  const { createApp } = await import('../../server/app.ts');
  const app = createApp({ db: other.db });
  for (const guess of ['admin', 'password', 'changeme', 'admin123456789', '']) {
    const res = await login(app, generated!.email, guess);
    assert.ok(res.status === 401 || res.status === 400, `«${guess}» → ${res.status}`);
  }
  assert.is((await login(app, generated!.email, generated!.generatedPassword!)).status, 200);
});

Passwords.run();

// ---------------------------------------------------------------------------------------------

const Throttle = suite('auth: sign-in throttling');

Throttle(
  'five failures for an account: 429 with Retry-After, even with the right password; others unaffected',
  async () => {
    const { app } = await makeApp({ as: null });
    for (let i = 0; i < 5; i++)
      assert.is((await login(app, TEST_EMAILS.viewer, `feil ${i}`, {}, `10.0.1.${i}`)).status, 401);
    const blocked = await login(app, TEST_EMAILS.viewer, TEST_PASSWORD, {}, '10.0.2.1');
    assert.is(blocked.status, 429);
    const retry = Number(blocked.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
    assert.type(blocked.body.error.message, 'string');
    assert.is(blocked.headers.get('set-cookie'), null);
    assert.is(
      (await login(app, TEST_EMAILS.analyst, TEST_PASSWORD, {}, '10.0.2.1')).status,
      200,
      'another account signs in',
    );
  },
);

Throttle('twenty failures from one address: 429 for every account from it; another address is fine', async () => {
  const { app } = await makeApp({ as: null });
  for (let i = 0; i < 20; i++) {
    assert.is((await login(app, `gjett${i}@test.example`, 'feil passord', {}, '192.0.2.7')).status, 401);
  }
  const blocked = await login(app, TEST_EMAILS.admin, TEST_PASSWORD, {}, '192.0.2.7');
  assert.is(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  assert.is((await login(app, TEST_EMAILS.admin, TEST_PASSWORD, {}, '192.0.2.8')).status, 200);
});

Throttle('a successful sign-in clears the account’s count; failures age out of the window', async () => {
  let now = 1_000_000;
  const { LoginLimiter } = await import('../../server/lib/rate-limit.ts');
  const limiter = new LoginLimiter({ perAccount: 3, perAddress: 100, windowMs: 60_000 }, () => now);
  limiter.failed('a', 'ip');
  limiter.failed('a', 'ip');
  limiter.succeeded('a');
  limiter.failed('a', 'ip');
  limiter.failed('a', 'ip');
  assert.is(limiter.retryAfter('a', 'ip'), 0);
  limiter.failed('a', 'ip');
  assert.is(limiter.retryAfter('a', 'ip'), 60);
  now += 30_000;
  assert.is(limiter.retryAfter('a', 'ip'), 30);
  now += 30_001;
  assert.is(limiter.retryAfter('a', 'ip'), 0);
});

Throttle.run();

// ---------------------------------------------------------------------------------------------

const Csrf = suite<Ctx>('auth: cross-site request forgery');

Csrf.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

const newInput = { text: 'Fra et annet nettsted', type: 'comment' };

Csrf('a write from another origin is refused with 403 and changes nothing', async ({ app, db }) => {
  const count = async () => (await db.selectFrom('input').select('id').execute()).length;
  const before = await count();
  const attempts: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { origin: 'http://localhost.evil.example' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' },
  ];
  for (const headers of attempts) {
    const res = await call(app, 'POST', '/api/inputs', newInput, { headers });
    assert.is(res.status, 403, JSON.stringify(headers));
    assert.match(res.body.error.message, /Cross-site/);
  }
  const logout = await call(app, 'POST', '/api/auth/logout', undefined, {
    headers: { origin: 'https://evil.example' },
  });
  assert.is(logout.status, 403, 'signing someone out from another site is refused too');
  const loginElsewhere = await call(
    app,
    'POST',
    '/api/auth/login',
    { email: TEST_EMAILS.admin, password: TEST_PASSWORD },
    {
      as: null,
      headers: { origin: 'https://evil.example' },
    },
  );
  assert.is(loginElsewhere.status, 403, 'no login CSRF');
  assert.is(await count(), before);
});

Csrf(
  'the same origin, and clients that send no Origin (scripts), may write; reads are not checked',
  async ({ app }) => {
    const same = await call(app, 'POST', '/api/inputs', newInput, {
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    assert.is(same.status, 201);
    const script = await call(app, 'POST', '/api/inputs', newInput);
    assert.is(script.status, 201);
    const read = await call(app, 'GET', '/api/inputs?limit=1', undefined, {
      headers: { origin: 'https://evil.example' },
    });
    assert.is(read.status, 200);
    assert.is(
      read.headers.get('access-control-allow-origin'),
      null,
      'and no CORS: another site cannot read the answer',
    );
  },
);

Csrf.run();

// ---------------------------------------------------------------------------------------------

const Headers_ = suite<Ctx>('auth: security headers');

Headers_.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Headers_(
  'every answer carries the CSP, nosniff, no framing and same-origin referrers; the API is not cached',
  async ({ app }) => {
    for (const [path, as] of [
      ['/api/health', null],
      ['/api/requirements?limit=1', 'analyst'],
      ['/api/requirements/A9-99', 'analyst'],
      ['/api/users', 'viewer'],
      ['/api/dashboard', null],
      ['/api/nowhere', 'analyst'],
    ] as const) {
      const res = await call(app, 'GET', path, undefined, { as });
      const h = res.headers;
      assert.is(h.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
      assert.not.match(CONTENT_SECURITY_POLICY, /unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
      assert.is(h.get('x-content-type-options'), 'nosniff', path);
      assert.is(h.get('x-frame-options'), 'DENY', path);
      assert.is(h.get('referrer-policy'), 'same-origin', path);
      assert.is(h.get('cache-control'), 'no-store', path);
    }
  },
);

Headers_.run();

// ---------------------------------------------------------------------------------------------

const Installation = suite('auth: accounts stay with the installation');

Installation(
  'a snapshot carries no account history and imports into a new installation with its first administrator',
  async () => {
    const source = await makeApp({ as: 'admin' });
    await call(
      source.app,
      'POST',
      '/api/users',
      { email: 'ny@test.example', name: 'Ny', role: 'viewer', password: 'et langt passord her' },
      { as: 'admin' },
    );
    await call(
      source.app,
      'POST',
      '/api/reference-groups/1/members',
      { user_id: source.users.reference_member.id },
      { as: 'admin' },
    );
    const exported = await call(source.app, 'GET', '/api/export/snapshot.json', undefined, { as: 'admin' });
    const snapshot = JSON.parse(exported.text);
    assert.ok(snapshot.tables.audit_log.length > 0);
    assert.not.ok(
      snapshot.tables.audit_log.some(
        (e: { entity: string }) => e.entity === 'user' || e.entity === 'reference_group_member',
      ),
      'no audit entry about accounts',
    );
    assert.not.ok(exported.text.includes('ny@test.example'));

    // A new installation: migrated, not seeded, only its first administrator (whose creation is audited).
    const { openMemoryDb } = await import('../../schema/db.ts');
    const { createApp } = await import('../../server/app.ts');
    const target = await openMemoryDb();
    await ensureFirstAdmin(target.db, { adminEmail: 'sjef@ny.example', adminPassword: 'et langt passord her' });
    const app = createApp({ db: target.db });
    const signedIn = await login(app, 'sjef@ny.example', 'et langt passord her');
    const cookie = cookieOf(signedIn.headers);
    const res = await app.request('/api/import/snapshot', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: exported.text,
    });
    assert.is(res.status, 201, await res.clone().text());
    const audit = await target.db.selectFrom('audit_log').select(['id', 'entity', 'actor']).orderBy('id').execute();
    assert.is(audit.at(-1)?.entity, 'snapshot', 'the import is the last entry');
    assert.ok(
      audit.some((e) => e.entity === 'user' && e.actor === 'system'),
      'the installation’s own account history is kept, after the imported history',
    );
    assert.is(
      (await target.db.selectFrom('requirement').select('id').execute()).length,
      (await source.db.selectFrom('requirement').select('id').execute()).length,
    );
    assert.is((await target.db.selectFrom('app_user').select('email').execute()).length, 1, 'no account was imported');
  },
);

Installation.run();
