import { Kysely, SqliteDialect } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Database } from '../../schema/types.ts';
import { createApp } from '../../server/app.ts';
import { call, makeApp, TEST_EMAILS, useTestUsers } from '../helpers.ts';

type Entry = { at: string; actor: string; entity: string; action: string; changes: Record<string, [unknown, unknown]> };

const History = suite('GET /api/requirements/{ref}/history');

History('a new requirement’s history starts with its creation, old → new', async () => {
  const { app } = await makeApp();
  const created = await call(app, 'POST', '/api/requirements', {
    ref: 'A4-12',
    title: 'Åpenhet om tilgjengeliggjøring',
    articles: ['58'],
  });
  assert.is(created.status, 201);
  const { status, body } = await call(app, 'GET', '/api/requirements/A4-12/history');
  assert.is(status, 200);
  assert.is(body.total, 1);
  const [entry] = body.items as Entry[];
  assert.is(entry!.entity, 'requirement');
  assert.is(entry!.action, 'create');
  assert.is(entry!.actor, TEST_EMAILS.analyst);
  assert.type(entry!.at, 'string');
  assert.equal(entry!.changes.title, [null, 'Åpenhet om tilgjengeliggjøring']);
  assert.equal(entry!.changes.articles, [null, ['58']]);
});

History('every write appears newest first: create, patch, assessment', async () => {
  const { app } = await makeApp();
  await call(app, 'POST', '/api/requirements', { ref: 'A4-12', title: 'Første tittel', categories: ['a'] });
  const patched = await call(app, 'PATCH', '/api/requirements/A4-12', {
    version: 1,
    title: 'Andre tittel',
    categories: ['a', 'e'],
  });
  assert.is(patched.status, 200);
  const assessed = await call(app, 'PUT', '/api/requirements/A4-12/assessment', {
    version: 1,
    coverage: 'not_covered',
    work_status: 'in_progress',
    gap_dimensions: ['semantic'],
    situation: 'Ingen løsning i dag.',
    gap: 'Alt gjenstår.',
    justification: '',
  });
  assert.is(assessed.status, 200);
  const { body } = await call(app, 'GET', '/api/requirements/A4-12/history');
  assert.is(body.total, 3);
  const [assessment, patch, create] = body.items as Entry[];
  assert.is(assessment!.entity, 'assessment');
  assert.is(assessment!.action, 'update');
  assert.equal(assessment!.changes.coverage, ['not_assessed', 'not_covered']);
  assert.equal(assessment!.changes.work_status, ['todo', 'in_progress']);
  assert.equal(assessment!.changes.gap_dimensions, [[], ['semantic']]);
  assert.equal(assessment!.changes.situation, ['', 'Ingen løsning i dag.']);
  assert.is(patch!.entity, 'requirement');
  assert.is(patch!.action, 'update');
  assert.equal(patch!.changes.title, ['Første tittel', 'Andre tittel']);
  assert.equal(patch!.changes.categories, [['a'], ['a', 'e']]);
  assert.equal(Object.keys(patch!.changes).sort(), ['categories', 'title']);
  assert.is(create!.action, 'create');
  assert.ok(assessment!.at >= patch!.at && patch!.at >= create!.at);
});

History('rejected and no-op writes add nothing to the history', async () => {
  const { app } = await makeApp();
  const before = (await call(app, 'GET', '/api/requirements/A1-02/history')).body.total;
  const read = (await call(app, 'GET', '/api/requirements/A1-02/assessment')).body;
  const stale = await call(app, 'PUT', '/api/requirements/A1-02/assessment', {
    version: read.version + 5,
    coverage: 'covered',
    work_status: 'done',
    gap_dimensions: [],
    situation: 'x',
    gap: '',
    justification: '',
  });
  assert.is(stale.status, 409);
  assert.is((await call(app, 'PATCH', '/api/requirements/A1-02', { version: 99, title: 'x' })).status, 409);
  const same = await call(app, 'PATCH', '/api/requirements/A1-02', { version: 1, title: 'Dataportabilitet' });
  assert.is(same.status, 200);
  assert.is(same.body.version, 1);
  assert.is((await call(app, 'GET', '/api/requirements/A1-02/history')).body.total, before);
});

History('pages with limit/offset; unknown ref gives 404', async () => {
  const { app } = await makeApp();
  await call(app, 'PATCH', '/api/requirements/A1-02', { version: 1, title: 'En' });
  await call(app, 'PATCH', '/api/requirements/A1-02', { version: 2, title: 'To' });
  const all = (await call(app, 'GET', '/api/requirements/A1-02/history')).body;
  const page = (await call(app, 'GET', '/api/requirements/A1-02/history?limit=1&offset=1')).body;
  assert.is(page.total, all.total);
  assert.is(page.items.length, 1);
  assert.equal(page.items[0], all.items[1]);
  assert.equal(all.items[0].changes.title, ['En', 'To']);
  const missing = await call(app, 'GET', '/api/requirements/A9-99/history');
  assert.is(missing.status, 404);
  assert.type(missing.body.error.message, 'string');
});

History.run();

const Queries = suite('query counts (no N+1)');

/** The seeded database behind an app whose Kysely counts the queries it runs. */
async function countingApp() {
  const { sqlite, users } = await makeApp();
  const counter = { n: 0 };
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: () => {
      counter.n++;
    },
  });
  return { app: useTestUsers(createApp({ db }), users), counter };
}

Queries('listing all articles and all requirements takes a fixed number of queries', async () => {
  const { app, counter } = await countingApp();
  const articles = await call(app, 'GET', '/api/articles?limit=500');
  assert.is(articles.body.total, 109);
  // One query more than the listing's own: the session lookup of the signed-in user.
  assert.ok(counter.n >= 1 && counter.n <= 4, `articles: ${counter.n} queries`);
  counter.n = 0;
  const requirements = await call(app, 'GET', '/api/requirements?limit=500');
  assert.is(requirements.body.total, 38);
  // Session lookup and refresh, count, page, articles, categories, deadline risk: fixed, whatever the rows.
  assert.ok(counter.n >= 1 && counter.n <= 8, `requirements: ${counter.n} queries`);
});

Queries.run();
