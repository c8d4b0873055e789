/**
 * Browser-test harness: builds the client, starts the real server on a free loopback port with a
 * fresh seeded database, a known administrator and one user per role, and drives Debian's Chromium
 * through playwright-core. `launchBrowser({ server, as })` gives a browser whose pages are signed in as
 * that role (and makes the test's own `fetch()` calls to the server carry the same session).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { spawnServer } from '../server-command.ts';

export type Role = 'admin' | 'analyst' | 'viewer' | 'reference_member';

/** The accounts every test server has: the first administrator from the environment, the rest made through the API. */
export const USERS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: 'admin@e2e.example', password: 'e2e-admin-passord', name: 'Administrator' },
  analyst: { email: 'analytiker@e2e.example', password: 'e2e-analytiker-passord', name: 'Anna Analytiker' },
  viewer: { email: 'leser@e2e.example', password: 'e2e-leser-passord', name: 'Lars Leser' },
  reference_member: { email: 'medlem@e2e.example', password: 'e2e-medlem-passord', name: 'Mona Medlem' },
};

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

let built = false;
export function buildClient() {
  if (built) return;
  execFileSync(process.execPath, ['client/build.mjs'], { stdio: 'ignore' });
  built = true;
}

export interface RunningServer {
  url: string;
  dbFile: string;
  /** Session cookies (`ehds_session=…`) of the users of USERS, signed in at start. */
  cookies: Record<Role, string>;
  stop(): Promise<void>;
}

/** Signs in through the API; returns the `ehds_session=…` cookie. */
export async function apiSignIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: '' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

async function createUsers(url: string): Promise<Record<Role, string>> {
  const admin = await apiSignIn(url, USERS.admin.email, USERS.admin.password);
  const cookies = { admin } as Record<Role, string>;
  for (const role of ['analyst', 'viewer', 'reference_member'] as const) {
    const { email, password, name } = USERS[role];
    const res = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ email, password, name, role }),
    });
    if (res.status !== 201) throw new Error(`creating ${email} failed: ${res.status} ${await res.text()}`);
    cookies[role] = await apiSignIn(url, email, password);
  }
  return cookies;
}

/** Servers running now, the newest last: `signIn(page, role)` uses the newest (uvu runs suites one after another). */
const running: RunningServer[] = [];

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  buildClient();
  const dir = mkdtempSync(`${tmpdir()}/ehds-e2e-`);
  const dbFile = `${dir}/ehds.db`;
  const { child, url, exited } = await spawnServer({
    EHDS_DB: dbFile,
    EHDS_ADMIN_EMAIL: USERS.admin.email,
    EHDS_ADMIN_PASSWORD: USERS.admin.password,
    ...env,
  });
  const cookies = await createUsers(url);
  const server: RunningServer = {
    url,
    dbFile,
    cookies,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
      running.splice(running.indexOf(server), 1);
    },
  };
  running.push(server);
  return server;
}

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

/**
 * Chromium, headless. With `server` and `as`, every new context and page is signed in as that role, and
 * the test's own `fetch()` calls to the server carry the same session (so that a suite signs in with
 * one line in its setup).
 */
export async function launchBrowser({ server, as }: { server?: RunningServer; as?: Role } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (server && as) {
    signFetch(server, as);
    const storageState = storageFor(server, as);
    const newContext = browser.newContext.bind(browser);
    const newPage = browser.newPage.bind(browser);
    browser.newContext = (options: BrowserContextOptions = {}) => newContext({ storageState, ...options });
    browser.newPage = (options: BrowserContextOptions = {}) => newPage({ storageState, ...options });
  }
  return browser;
}

/** The session cookie of `role` as Playwright's storage state for the server's origin. */
function storageFor(server: RunningServer, role: Role): BrowserContextOptions['storageState'] {
  const value = server.cookies[role].split('=')[1] as string;
  const { hostname } = new URL(server.url);
  return {
    cookies: [
      {
        name: 'ehds_session',
        value,
        domain: hostname,
        path: '/',
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: 'Lax',
      },
    ],
    origins: [],
  };
}

/** Makes `fetch()` to `server` (from the test itself) carry the session of `role`, unless a cookie is given. */
export function signFetch(server: RunningServer, role: Role) {
  const previous = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(server.url)) return previous(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('cookie')) headers.set('cookie', server.cookies[role]);
    return previous(input, { ...init, headers });
  };
}

/**
 * Signs the page's context in as `role` through the sign-in API (`page.request` shares its cookies with
 * the page), as a fresh session: `signIn(page, 'analyst')` on the server started last, or
 * `signIn(page, server, 'analyst')`.
 */
export async function signIn(page: Page, serverOrRole: RunningServer | Role, maybeRole?: Role) {
  const server = typeof serverOrRole === 'string' ? running.at(-1) : serverOrRole;
  const role = typeof serverOrRole === 'string' ? serverOrRole : (maybeRole as Role);
  if (!server) throw new Error('signIn: no server started');
  // Without the cookie a context was made with: signing in over it would end that (shared) session.
  await page.context().clearCookies();
  const res = await page.request.post(`${server.url}/api/auth/login`, {
    data: { email: USERS[role].email, password: USERS[role].password },
  });
  if (res.status() !== 200) throw new Error(`sign-in as ${role} failed: ${res.status()}`);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy allows no inline <script>.
  await page.evaluate(source);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    // biome-ignore lint/suspicious/noExplicitAny: axe's own result type is not imported into the page
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: see above
      nodes: v.nodes.map((n: any) => ({ target: n.target })),
    }));
  });
}

export const serious = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
