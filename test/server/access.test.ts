/**
 * Every documented API route × every role and anonymous. The route list comes from /api/openapi.json, so
 * a route added later is in the matrix from the start; the expected outcome of a cell comes from the
 * policy table (server/lib/access.ts), and a hand-written sample of critical cells is asserted on its own.
 * Each state-changing request runs on its own copy of the database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Database, Role } from '../../schema/types.ts';
import { createApp } from '../../server/app.ts';
import { allows, POLICY, ruleFor } from '../../server/lib/access.ts';
import { type Actor, call, type TestApp, useTestUsers } from '../helpers.ts';
import { type RoundFixture, roundFixture } from './round-fixture.ts';

const ACTORS: Actor[] = [null, 'viewer', 'reference_member', 'analyst', 'admin'];
const ROLES: Role[] = ['viewer', 'reference_member', 'analyst', 'admin'];

interface Route {
  method: string;
  /** As documented, without /api: `/requirements/{ref}`. */
  path: string;
}

type Ctx = RoundFixture & { routes: Route[] };
const Access = suite<Ctx>('access: every route × every role');

Access.before(async (ctx) => {
  Object.assign(ctx, await roundFixture());
  const doc = (await call(ctx.app, 'GET', '/api/openapi.json', undefined, { as: null })).body;
  ctx.routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: path.replace(/^\/api/, '') })),
  );
});

/** A copy of the fixture's database behind a new app: a write there changes nothing elsewhere. */
function copyOf(ctx: Ctx): TestApp {
  const sqlite = new SQLite(ctx.sqlite.serialize());
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return useTestUsers(createApp({ db }), ctx.users, null);
}

/** A concrete path for a documented one, with items the actor may reach (their own input, their group's round). */
function samplePath(ctx: Ctx, route: Route, actor: Actor): string {
  const resource = route.path.split('/')[1];
  const ids: Record<string, number | string> = {
    inputs: actor === 'analyst' ? ctx.inputs.analyst : actor === 'admin' ? ctx.inputs.admin : ctx.inputs.member,
    meetings: 1,
    'reference-groups': ctx.groups.pasient,
    measures: 1,
    solutions: 1,
    rounds: ctx.rounds.open,
    users: ctx.people.member.id,
  };
  return `/api${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'ref') return resource === 'questions' ? 'PS-01' : 'A2-05';
    if (name === 'code') return 'A2';
    if (name === 'number') return '14';
    if (name === 'name') return ctx.version;
    if (name === 'userId') return String(ctx.people.member.id);
    const id = ids[resource ?? ''];
    if (id === undefined) throw new Error(`no sample for {${name}} in ${route.path}`);
    return String(id);
  })}`;
}

/** Query strings that keep a cell cheap or valid: the big exports of an unknown version answer 404 at once. */
const SAMPLE_QUERY: Record<string, string> = {
  'GET /export/report.docx': '?version=V9',
  'GET /export/workbook.xlsx': '?version=V9',
  'GET /export/snapshot.json': '?version=V9',
  'GET /export/changes.csv': '?from=V0.5',
  'GET /versions/compare': '?from=V0.5',
};
/** What an allowed read answers with those samples, when it is not 200. */
const ALLOWED_READ_STATUS: Record<string, number> = {
  'GET /export/report.docx': 404,
  'GET /export/workbook.xlsx': 404,
  'GET /export/snapshot.json': 404,
};

const key = (r: Route) => `${r.method} ${r.path}`;

async function request(ctx: Ctx, route: Route, actor: Actor) {
  const app = route.method === 'GET' ? ctx.app : copyOf(ctx);
  const path = samplePath(ctx, route, actor) + (SAMPLE_QUERY[key(route)] ?? '');
  // An empty object: a write the role may make fails validation (400), so it is told apart from 401/403.
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
  return call(app, route.method, path, body, { as: actor });
}

Access('every documented route has a rule, and every rule is a documented route', ({ routes }) => {
  const documented = new Set(routes.map(key));
  const unruled = routes.filter((r) => !(key(r) in POLICY)).map(key);
  assert.equal(unruled, [], 'routes the policy table does not name');
  // The API description itself is served beside the routes it describes.
  const stale = Object.keys(POLICY).filter((k) => !documented.has(k) && k !== 'GET /openapi.json');
  assert.equal(stale, [], 'rules for routes that do not exist');
  assert.ok(routes.length >= 70, `${routes.length} routes`);
});

Access('each cell: anonymous 401, a role the rule leaves out 403, a role it lets in neither', async (ctx) => {
  const wrong: string[] = [];
  const rows: string[] = [];
  for (const route of ctx.routes) {
    const rule = ruleFor(route.method, `/api${route.path.replace(/\{\w+\}/g, 'x')}`);
    assert.ok(rule, `rule for ${key(route)}`);
    const cells: string[] = [];
    for (const actor of ACTORS) {
      const res = await request(ctx, route, actor);
      const allowed = allows(rule!.grant, actor);
      let expected: string;
      let good: boolean;
      if (!allowed) {
        expected = actor === null ? '401' : '403';
        good = res.status === Number(expected);
      } else if (route.method === 'GET') {
        const status = ALLOWED_READ_STATUS[key(route)] ?? 200;
        expected = String(status);
        good = res.status === status;
      } else {
        expected = 'not 401/403';
        good = res.status !== 401 && res.status !== 403 && res.status < 500;
      }
      if (!good)
        wrong.push(
          `${key(route)} as ${actor ?? 'anonymous'}: ${res.status}, expected ${expected} — ${res.text.slice(0, 160)}`,
        );
      const narrowed = actor === 'reference_member' && rule!.grant !== 'public' && !route.path.startsWith('/auth');
      cells.push(allowed ? (narrowed ? 'own' : 'yes') : String(expected));
    }
    rows.push(`| ${route.method} | /api${route.path} | ${cells.join(' | ')} |`);
  }
  assert.equal(wrong, [], 'cells that answered otherwise than the policy says');
  // A fresh clone has no artifacts folder yet.
  mkdirSync(new URL('../artifacts/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../artifacts/access-matrix.md', import.meta.url),
    [
      '| method | route | anonymous | viewer | reference_member | analyst | admin |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      '`own`: only within the member’s groups’ open/closed rounds (their scope, their group’s input, their own input).',
      '',
    ].join('\n'),
  );
});

Access('hand-written critical cells', async (ctx) => {
  const { app } = ctx;
  const expect = async (actor: Actor, method: string, path: string, status: number, body?: unknown) => {
    const res = await call(copyOf(ctx), method, path, body, { as: actor });
    assert.is(res.status, status, `${actor ?? 'anonymous'} ${method} ${path}: ${res.text.slice(0, 200)}`);
    return res;
  };
  // Anonymous: only health, the API description and sign-in.
  await expect(null, 'GET', '/api/health', 200);
  await expect(null, 'GET', '/api/openapi.json', 200);
  await expect(null, 'GET', '/api/auth/me', 401);
  await expect(null, 'GET', '/api/requirements', 401);
  await expect(null, 'GET', '/api/export/requirements.csv', 401);
  await expect(null, 'POST', '/api/inputs', 401, { text: 'x', type: 'comment' });
  await expect(null, 'GET', '/api/no-such-route', 401);
  // Viewer reads, never writes.
  await expect('viewer', 'GET', '/api/requirements/A1-01', 200);
  await expect('viewer', 'GET', '/api/export/requirements.csv', 200);
  const read = (await call(app, 'GET', '/api/requirements/A1-01/assessment', undefined, { as: 'viewer' })).body;
  const a = {
    version: read.version,
    coverage: read.coverage,
    work_status: read.work_status,
    gap_dimensions: read.gap_dimensions,
    situation: read.situation,
    gap: read.gap,
    justification: read.justification,
  };
  await expect('viewer', 'PUT', '/api/requirements/A1-01/assessment', 403, { ...a, coverage: 'covered' });
  await expect('viewer', 'POST', '/api/inputs', 403, { text: 'x', type: 'comment' });
  await expect('viewer', 'GET', '/api/users', 403);
  // Analyst: the analysis, not accounts, rounds' set-up or snapshot import.
  await expect('analyst', 'PUT', '/api/requirements/A1-01/assessment', 200, { ...a, coverage: 'covered' });
  await expect('analyst', 'GET', '/api/users', 403);
  await expect('analyst', 'POST', '/api/users', 403, {
    email: 'ny@test.example',
    name: 'Ny',
    role: 'admin',
    password: 'et langt passord her',
  });
  await expect('analyst', 'POST', '/api/import/snapshot', 403, {});
  await expect('analyst', 'POST', `/api/reference-groups/${ctx.groups.pasient}/members`, 403, {
    user_id: ctx.people.outsider.id,
  });
  await expect('analyst', 'POST', `/api/rounds/${ctx.rounds.draft}/open`, 200);
  await expect('admin', 'POST', '/api/users', 201, {
    email: 'ny@test.example',
    name: 'Ny',
    role: 'viewer',
    password: 'et langt passord her',
  });
  // Reference member: their scope only.
  const member = 'reference_member';
  const listed = await expect(member, 'GET', '/api/requirements?limit=500', 200);
  assert.equal(
    listed.body.items.map((r: { ref: string }) => r.ref),
    ['A2-02', 'A2-05'],
    'the requirements of their groups’ open and closed rounds, nothing else',
  );
  await expect(member, 'GET', '/api/requirements/A2-02', 200);
  await expect(member, 'GET', '/api/requirements/A1-01', 404);
  await expect(member, 'GET', '/api/requirements/A2-04', 404, undefined);
  await expect(member, 'GET', '/api/requirements/A2-05/history', 403);
  await expect(member, 'PUT', '/api/requirements/A2-05/assessment', 403, { ...a, coverage: 'covered' });
  await expect(member, 'GET', `/api/rounds/${ctx.rounds.other}`, 404);
  await expect(member, 'GET', `/api/rounds/${ctx.rounds.draft}`, 404);
  await expect(member, 'GET', `/api/rounds/${ctx.rounds.other}/inputs`, 404);
  await expect(member, 'POST', '/api/inputs', 403, {
    text: 'Forsøk i en annen gruppes runde',
    type: 'comment',
    round_id: ctx.rounds.other,
    requirement_refs: ['A2-04'],
  });
  await expect(member, 'POST', '/api/inputs', 409, {
    text: 'For sent',
    type: 'comment',
    round_id: ctx.rounds.closed,
    requirement_refs: ['A2-05'],
  });
  await expect(member, 'POST', '/api/inputs', 400, {
    text: 'Utenfor rundens omfang',
    type: 'comment',
    round_id: ctx.rounds.open,
    requirement_refs: ['A2-06'],
  });
  await expect(member, 'PATCH', `/api/inputs/${ctx.inputs.colleague}`, 403, { version: 1, text: 'Overskrevet' });
  await expect(member, 'DELETE', `/api/inputs/${ctx.inputs.colleague}`, 403);
  await expect(member, 'PATCH', `/api/inputs/${ctx.inputs.closed}`, 409, { version: 1, text: 'Etter lukking' });
  await expect(member, 'DELETE', `/api/inputs/${ctx.inputs.closed}`, 409);
  await expect(member, 'GET', `/api/inputs/${ctx.inputs.outsider}`, 404);
  await expect(member, 'GET', '/api/inputs/1', 404);
  await expect(member, 'PUT', `/api/inputs/${ctx.inputs.member}/disposition`, 403, {
    version: 1,
    disposition: 'noted',
    reason: 'x',
  });
  await expect(member, 'GET', '/api/export/report.docx', 403);
  await expect(member, 'GET', '/api/export/snapshot.json', 403);
  await expect(member, 'GET', `/api/rounds/${ctx.rounds.open}/innspill.csv`, 403);
  await expect(member, 'GET', '/api/dashboard', 403);
  await expect(member, 'GET', '/api/reference-groups', 403);
  await expect(member, 'POST', '/api/rounds', 403, {});
  const inputs = await expect(member, 'GET', '/api/inputs?limit=500', 200);
  assert.equal(
    inputs.body.items.map((i: { id: number }) => i.id).sort(),
    [ctx.inputs.member, ctx.inputs.colleague, ctx.inputs.closed, ctx.inputs.analyst, ctx.inputs.admin].sort(),
    'the input of their group’s rounds only',
  );
  const detail = await expect(member, 'GET', '/api/requirements/A2-05', 200);
  const visible = new Set([ctx.inputs.member, ctx.inputs.closed, ctx.inputs.analyst]);
  assert.ok(detail.body.inputs.length > 0);
  assert.ok(
    detail.body.inputs.every((i: { id: number }) => visible.has(i.id)),
    'no input from meetings or other groups on the requirement page',
  );
  // The member from the other group sees none of it.
  const outsider = await call(app, 'GET', `/api/rounds/${ctx.rounds.open}`, undefined, {
    token: ctx.people.outsider.token,
  });
  assert.is(outsider.status, 404);
});

Access('default deny: a route no rule names is refused to everyone signed in, unknown paths stay 404', async (ctx) => {
  const app = copyOf(ctx);
  app.get('/api/forgotten-route', (c) => c.json({ leaked: true }));
  for (const role of ROLES) {
    const res = await call(app, 'GET', '/api/forgotten-route', undefined, { as: role });
    assert.is(res.status, 403, role);
    assert.type(res.body.error.message, 'string');
  }
  assert.is((await call(app, 'GET', '/api/forgotten-route', undefined, { as: null })).status, 401);
  assert.is((await call(app, 'GET', '/api/nowhere', undefined, { as: 'admin' })).status, 404);
});

Access.run();
