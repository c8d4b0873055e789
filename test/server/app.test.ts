import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../server/app.ts';
import { call, makeApp, useTestUsers } from '../helpers.ts';

const App = suite<Awaited<ReturnType<typeof makeApp>>>('app');

App.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

App('GET /api/health answers ok', async ({ app }) => {
  const res = await call(app, 'GET', '/api/health');
  assert.is(res.status, 200);
  assert.equal(res.body, { status: 'ok' });
});

App('unknown /api paths are JSON 404s in the one error shape', async ({ app }) => {
  for (const path of ['/api/nope', '/api/requirements/A1-01/nope/deeper', '/api/']) {
    const res = await call(app, 'GET', path);
    assert.is(res.status, 404, path);
    assert.type(res.body?.error?.message, 'string', path);
  }
});

App('the OpenAPI document describes every API route', async ({ app }) => {
  const res = await call(app, 'GET', '/api/openapi.json');
  assert.is(res.status, 200);
  assert.match(res.body.openapi, /^3\./);
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(ops))
      documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  const served = app.routes
    .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json')
    .map((r) => `${r.method} ${r.path}`);
  assert.ok(served.length >= 2);
  const missing = served.filter((r) => !documented.has(r));
  assert.equal(missing, [], 'routes missing from /api/openapi.json');
});

App('a body over 1 MB gets 413 in the error shape and changes nothing', async ({ app }) => {
  const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 10) });
  const res = await app.request('/api/inputs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: big,
  });
  assert.is(res.status, 413);
  const body = (await res.json()) as { error: { message: string } };
  assert.type(body.error.message, 'string');
});

App('serves the client for non-API paths, so deep links work', async ({ db, users }) => {
  const dir = mkdtempSync(`${tmpdir()}/ehds-client-`);
  writeFileSync(`${dir}/index.html`, '<!doctype html><title>EHDS</title><ehds-app></ehds-app>');
  const app = useTestUsers(createApp({ db, clientDir: dir }), users);
  for (const path of ['/', '/krav/A2-05', '/sporbarhet?area=A1']) {
    const res = await app.request(path);
    assert.is(res.status, 200, path);
    assert.match(await res.text(), /<ehds-app>/);
  }
  const api = await app.request('/api/nope');
  assert.is(api.status, 404);
  rmSync(dir, { recursive: true, force: true });
});

App.run();
