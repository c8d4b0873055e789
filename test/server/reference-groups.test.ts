import type Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, makeApp, type TestApp } from '../helpers.ts';

interface Ctx {
  app: TestApp;
  sqlite: Database.Database;
}

const rows = <T = Record<string, unknown>>(sqlite: Database.Database, sql: string, ...params: unknown[]) =>
  sqlite.prepare(sql).all(...params) as T[];

const refsOf = (sqlite: Database.Database, groupId: number) =>
  rows<{ ref: string }>(
    sqlite,
    `SELECT r.ref FROM reference_group_requirement g JOIN requirement r ON r.id = g.requirement_id
     WHERE g.reference_group_id = ? ORDER BY r.ref`,
    groupId,
  ).map((r) => r.ref);

const Groups = suite<Ctx>('reference groups');

Groups.before.each(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Groups('lists every group with its categories and requirement refs', async ({ app, sqlite }) => {
  const res = await call(app, 'GET', '/api/reference-groups');
  assert.is(res.status, 200);
  const groups = rows<{ id: number; categories: string }>(sqlite, 'SELECT id, categories FROM reference_group');
  assert.is(groups.length, 8);
  assert.is(res.body.total, groups.length);
  assert.is(res.body.items.length, groups.length);
  for (const item of res.body.items) {
    const stored = groups.find((g) => g.id === item.id)!;
    assert.equal(item.categories, stored.categories.split(';').filter(Boolean), item.name);
    assert.equal(item.requirement_refs, refsOf(sqlite, item.id), item.name);
  }
  assert.ok(res.body.items.some((g: { requirement_refs: string[] }) => g.requirement_refs.length > 0));
  assert.ok(res.body.items.some((g: { categories: string[] }) => g.categories.length > 0));
  const page = await call(app, 'GET', '/api/reference-groups?limit=2&offset=1');
  assert.equal(
    page.body.items.map((g: { id: number }) => g.id),
    res.body.items.slice(1, 3).map((g: { id: number }) => g.id),
  );
  assert.is(page.body.total, 8);
});

Groups('one group with its requirements and their coverage; unknown is 404', async ({ app, sqlite }) => {
  const list = await call(app, 'GET', '/api/reference-groups');
  const group = list.body.items.find((g: { requirement_refs: string[] }) => g.requirement_refs.length > 0);
  const res = await call(app, 'GET', `/api/reference-groups/${group.id}`);
  assert.is(res.status, 200);
  assert.is(res.body.name, group.name);
  assert.equal(
    res.body.requirements.map((r: { ref: string }) => r.ref),
    refsOf(sqlite, group.id),
  );
  for (const r of res.body.requirements) {
    const stored = rows<{ coverage: string; title: string }>(
      sqlite,
      'SELECT a.coverage, r.title FROM requirement r JOIN assessment a ON a.requirement_id = r.id WHERE r.ref = ?',
      r.ref,
    )[0]!;
    assert.is(r.coverage, stored.coverage);
    assert.is(r.title, stored.title);
  }
  const missing = await call(app, 'GET', '/api/reference-groups/99999');
  assert.is(missing.status, 404);
  assert.type(missing.body.error.message, 'string');
  assert.is((await call(app, 'GET', '/api/reference-groups/patient')).status, 400);
});

Groups('an empty database has no groups', async () => {
  const { app } = await makeApp({ seeded: false });
  const res = await call(app, 'GET', '/api/reference-groups');
  assert.equal(res.body, { items: [], total: 0 });
});

Groups.run();
