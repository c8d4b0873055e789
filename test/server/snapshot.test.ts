import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACCOUNT_TABLES,
  ANALYSIS_TABLES,
  databaseTables,
  HISTORY_TABLES,
  LATEST_SCHEMA_VERSION,
} from '../../server/queries/snapshot.ts';
import { makeSampleAnalysis } from '../export/sample-analysis.ts';
import { call, dumpDb, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>> & { snapshotText: string };

const root = fileURLToPath(new URL('../..', import.meta.url));

async function importSnapshot(app: Ctx['app'], body: string) {
  const res = await app.request('/api/import/snapshot', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The dump without the audit log and the accounts (never carried), and the audit log rows on their own. */
async function split(sqlite: SQLite.Database) {
  let dump = await dumpDb(sqlite);
  for (const table of ['audit_log', ...ACCOUNT_TABLES]) {
    dump = dump.replace(new RegExp(`(^|\n\n)${table}\n[\\s\\S]*?(?=\n\n|$)`), '');
  }
  const audit = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as { id: number; entity: string }[];
  return { rest: dump, audit };
}

const Snapshot = suite<Ctx>('snapshot');

Snapshot.before(async (ctx) => {
  // Importing a snapshot is for administrators.
  Object.assign(ctx, await makeApp({ as: 'admin' }));
  await makeSampleAnalysis(ctx.db);
  const res = await call(ctx.app, 'GET', '/api/export/snapshot.json');
  assert.is(res.status, 200);
  ctx.snapshotText = res.text;
});

Snapshot('every table of the schema is carried, in a decided order', async ({ db }) => {
  const tables = [...(await databaseTables(db)).keys()].sort();
  const named = [...ANALYSIS_TABLES, ...HISTORY_TABLES, ...ACCOUNT_TABLES].sort();
  assert.equal(
    tables,
    named,
    'a table a migration added must be named in ANALYSIS_TABLES, HISTORY_TABLES or ACCOUNT_TABLES',
  );
});

Snapshot('GET /api/export/snapshot.json: schema_version, exported_at, one row per line', async ({ snapshotText }) => {
  const snapshot = JSON.parse(snapshotText);
  assert.is(snapshot.format, 'ehds-gap-snapshot');
  assert.is(snapshot.schema_version, LATEST_SCHEMA_VERSION);
  assert.ok(!Number.isNaN(Date.parse(snapshot.exported_at)));
  assert.equal(snapshot.source, { kind: 'now' });
  assert.is(snapshot.tables.analysis_version.length, 2, 'the frozen versions come along');
  assert.ok(snapshot.tables.audit_log.length > 0, 'the audit log comes along');
  assert.ok(snapshotText.split('\n').length > snapshot.tables.requirement.length, 'rows on lines of their own');
});

Snapshot(
  'round trip: snapshot → empty database → the same content, the audit log kept plus one import entry',
  async ({ sqlite, snapshotText }) => {
    const target = await makeApp({ seeded: false, as: 'admin' });
    const res = await importSnapshot(target.app, snapshotText);
    assert.is(res.status, 201, JSON.stringify(res.body));
    assert.is(res.body.schema_version, LATEST_SCHEMA_VERSION);

    const source = await split(sqlite);
    const copy = await split(target.sqlite);
    assert.ok(copy.rest === source.rest, 'every table but the audit log is identical');
    assert.equal(copy.audit.slice(0, -1), source.audit, 'the audit log is carried unchanged');
    assert.is(copy.audit.length, source.audit.length + 1);
    assert.is(copy.audit.at(-1)?.entity, 'snapshot');

    // And what the imported database exports again is the same snapshot.
    const again = await call(target.app, 'GET', '/api/export/snapshot.json');
    const strip = (text: string) => {
      const { exported_at: _, tables, ...rest } = JSON.parse(text);
      const { audit_log: __, ...content } = tables;
      return { ...rest, content };
    };
    assert.equal(strip(again.text), strip(snapshotText));
  },
);

Snapshot('a version’s snapshot imports into an empty database as that version’s content', async ({ app }) => {
  const frozen = await call(app, 'GET', '/api/export/snapshot.json?version=V0.5');
  assert.is(frozen.status, 200);
  assert.equal(frozen.body.source.name, 'V0.5');
  assert.is(frozen.body.tables.audit_log, undefined, 'a version has no history');
  const target = await makeApp({ seeded: false, as: 'admin' });
  const res = await importSnapshot(target.app, frozen.text);
  assert.is(res.status, 201);
  const a = await call(target.app, 'GET', '/api/requirements/A1-05/assessment');
  assert.is(a.body.coverage, 'not_covered', 'as frozen in V0.5, not as now');
});

Snapshot(
  'importing into a database that holds anything is refused with 409 and changes nothing',
  async ({ app, sqlite, snapshotText }) => {
    const before = await dumpDb(sqlite);
    const res = await importSnapshot(app, snapshotText);
    assert.is(res.status, 409);
    assert.match(res.body.error.message, /not empty: it holds \d+ rows of requirement/);
    assert.is(await dumpDb(sqlite), before);
  },
);

Snapshot('a bad snapshot gets 400 and nothing is written', async ({ snapshotText }) => {
  const target = await makeApp({ seeded: false, as: 'admin' });
  const empty = await dumpDb(target.sqlite);
  const good = JSON.parse(snapshotText);
  const variants: [string, string][] = [
    ['not JSON', '{"format": "ehds-gap-snapshot", "tables": {'],
    ['not a snapshot', JSON.stringify({ hello: 'world' })],
    ['unknown schema', JSON.stringify({ ...good, schema_version: '0099_future' })],
    ['unknown table', JSON.stringify({ ...good, tables: { ...good.tables, no_such_table: [{ id: 1 }] } })],
    [
      'unknown column',
      JSON.stringify({ ...good, tables: { ...good.tables, area: [{ ...good.tables.area[0], colour: 'blå' }] } }),
    ],
    [
      // Late in the insert order, after thousands of rows went in: the transaction must undo them all.
      'broken constraint',
      JSON.stringify({
        ...good,
        tables: {
          ...good.tables,
          input_question: [...good.tables.input_question, { input_id: 1, question_id: 99999 }],
        },
      }),
    ],
    [
      'tampered version',
      JSON.stringify({
        ...good,
        tables: {
          ...good.tables,
          analysis_version: good.tables.analysis_version.map((v: { snapshot: string }) => ({
            ...v,
            snapshot: v.snapshot.replace('"not_covered"', '"covered"'),
          })),
        },
      }),
    ],
  ];
  for (const [what, body] of variants) {
    const res = await importSnapshot(target.app, body);
    assert.is(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
    assert.type(res.body.error.message, 'string', what);
    assert.is(await dumpDb(target.sqlite), empty, `${what} wrote something`);
  }
});

Snapshot(
  'CLI: export-snapshot, then import-snapshot into a new file gives the same content',
  async ({ snapshotText }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ehds-snapshot-'));
    try {
      const cli = (db: string, ...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/cli.ts'), ...args], {
          cwd: root,
          env: { ...process.env, EHDS_DB: join(dir, db) },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const file = join(dir, 'in.json');
      await import('node:fs').then((fs) => fs.writeFileSync(file, snapshotText));
      const imported = cli('a.db', 'import-snapshot', file);
      assert.is(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, /Imported .* rows/);
      const refused = cli('a.db', 'import-snapshot', file);
      assert.is(refused.status, 1);
      assert.match(refused.stderr, /not empty/);
      const out = join(dir, 'out.json');
      const exported = cli('a.db', 'export-snapshot', out, '--version', 'V0.8');
      assert.is(exported.status, 0, exported.stderr);
      assert.is(JSON.parse(readFileSync(out, 'utf8')).source.name, 'V0.8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

Snapshot.run();
