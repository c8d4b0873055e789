import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, openDb } from '../../schema/db.ts';
import { seedDatabase } from '../../seeds/index.ts';
import { inParts, serializeSnapshot, serializeSnapshotInParts } from '../../server/exports/snapshot-json.ts';
import { readJsonInSlices } from '../../server/exports/sources.ts';
import {
  ACCOUNT_TABLES,
  ANALYSIS_TABLES,
  canonicalJson,
  databaseTables,
  HISTORY_TABLES,
  LATEST_SCHEMA_VERSION,
  LongText,
  readSnapshot,
  readSnapshotInParts,
  type SnapshotInParts,
} from '../../server/queries/snapshot.ts';
import { freezeVersion, loadVersionSnapshot } from '../../server/queries/versions.ts';
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

Snapshot(
  'CLI: export-snapshot of a database file writes what the API gives, the version’s content too',
  async ({ snapshotText }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ehds-snapshot-'));
    try {
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/cli.ts'), ...args], {
          cwd: root,
          env: { ...process.env, EHDS_DB: join(dir, 'a.db') },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const file = join(dir, 'in.json');
      await import('node:fs').then((fs) => fs.writeFileSync(file, snapshotText));
      assert.is(cli('import-snapshot', file).status, 0);
      const out = join(dir, 'out.json');
      const exported = cli('export-snapshot', out);
      assert.is(exported.status, 0, exported.stderr);
      assert.match(exported.stdout, /Wrote .*: \d+ rows/);
      const strip = (text: string) => {
        const { exported_at: _, tables, ...rest } = JSON.parse(text);
        const { audit_log: __, ...content } = tables;
        return { ...rest, content };
      };
      assert.equal(strip(readFileSync(out, 'utf8')), strip(snapshotText));
      const version = cli('export-snapshot', '-', '--version', 'V0.5');
      assert.is(version.status, 0, version.stderr);
      const api = JSON.parse(snapshotText).tables.analysis_version.find((v: { name: string }) => v.name === 'V0.5');
      assert.equal(JSON.parse(version.stdout).tables, JSON.parse(api.snapshot).tables);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

/** Text that JSON escapes in every way it can: quotes, backslashes, control characters, and more than one byte. */
const AWKWARD = 'Sitat «"Nei"» \\ sti C:\\temp\n\tinnrykk \u0001 \u001f æøå – 😀 \u2028 slutt\\';

const textOf = async (snapshot: SnapshotInParts) => {
  let text = '';
  for await (const piece of serializeSnapshotInParts(snapshot)) text += piece;
  return text;
};
const sameTime = (text: string) => text.replace(/"exported_at":"[^"]*"/, '"exported_at":"…"');

Snapshot('in memory, the snapshot in parts is the text serializeSnapshot writes, byte for byte', async ({ db }) => {
  const whole = serializeSnapshot(await readSnapshot(db, { history: true }));
  assert.is(sameTime(await textOf(await readSnapshotInParts(db))), sameTime(whole));
  const version = await readSnapshot(db);
  assert.is(await textOf(inParts(version)), serializeSnapshot(version));
});

Snapshot(
  'GET /api/export/snapshot.json?version= is the text serializeSnapshot writes of the version',
  async ({ app, db }) => {
    const res = await call(app, 'GET', '/api/export/snapshot.json?version=V0.5');
    assert.is(res.status, 200);
    assert.is(sameTime(res.text), sameTime(serializeSnapshot(await loadVersionSnapshot(db, 'V0.5'))));
  },
);

Snapshot(
  'from a database file: streamed on a connection of its own, byte for byte, whatever the slices, and consistent',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ehds-stream-'));
    const { db, sqlite } = openDb(join(dir, 'a.db'));
    try {
      await migrate(db);
      await seedDatabase(db);
      await makeSampleAnalysis(db);
      await db.updateTable('input').set({ text: AWKWARD, disposition_reason: AWKWARD }).where('id', '=', 1).execute();
      await freezeVersion(db, { name: 'V9.9', date: '2025-06-30', note: AWKWARD }, 'test');
      const whole = sameTime(serializeSnapshot(await readSnapshot(db, { history: true })));
      assert.ok(whole.includes(JSON.stringify(JSON.stringify(AWKWARD)).slice(1, -1)), 'a version holds the text');
      // Slices of 1 and 7 bytes cut characters and escapes apart.
      for (const sliceBytes of [1, 7, 1 << 20]) {
        assert.is(
          sameTime(await textOf(await readSnapshotInParts(db, { sliceBytes }))),
          whole,
          `slices of ${sliceBytes}`,
        );
      }

      // A change made while the file is being written is not in it, and does not wait for it.
      const parts = await readSnapshotInParts(db);
      const pieces = serializeSnapshotInParts(parts);
      let text = ((await pieces.next()).value as string) + ((await pieces.next()).value as string);
      await db.updateTable('requirement').set({ title: 'Endret under eksporten' }).where('ref', '=', 'A1-01').execute();
      for await (const piece of pieces) text += piece;
      assert.is(sameTime(text), whole);

      // Stopped early, it lets go of the file: nothing holds the write-ahead log back.
      const stopped = serializeSnapshotInParts(await readSnapshotInParts(db));
      await stopped.next();
      await stopped.next();
      await stopped.return(undefined);
      const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      assert.is(checkpoint?.busy, 0);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

Snapshot('a LongText is written as JSON.stringify writes its text, however its slices cut it', async () => {
  const bytes = new TextEncoder().encode(AWKWARD.repeat(3));
  for (const size of [1, 2, 3, 5, bytes.length]) {
    const slices = () => {
      const out: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
      return out;
    };
    const text = await textOf({
      head: { format: 'ehds-gap-snapshot', schema_version: 'x', exported_at: 'y', source: { kind: 'now' } },
      tables: [{ table: 'analysis_version', parts: [[{ id: 1, snapshot: new LongText(slices), note: 'n' }]] }],
    });
    const row = JSON.stringify({ id: 1, snapshot: AWKWARD.repeat(3), note: 'n' });
    assert.ok(text.includes(`\n${row}\n`), `slices of ${size}`);
    assert.equal(JSON.parse(text).tables.analysis_version[0].snapshot, AWKWARD.repeat(3));
  }
});

Snapshot('readJsonInSlices reads a snapshot laid out any way, cut anywhere, as JSON.parse does', async ({ db }) => {
  const snapshot = await readSnapshot(db);
  (snapshot.tables.input?.[0] as { text: string }).text = AWKWARD;
  const layouts = [canonicalJson(snapshot), serializeSnapshot(snapshot), JSON.stringify(snapshot, null, 2)];
  for (const text of layouts) {
    const bytes = new TextEncoder().encode(text);
    const expected = JSON.parse(text);
    for (const size of [1, 3, 64, bytes.length]) {
      const slices = (async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      })();
      const { head, tables } = await readJsonInSlices(slices);
      const { tables: expectedTables, ...expectedHead } = expected;
      assert.equal(head, expectedHead, `head, slices of ${size}`);
      assert.equal(tables, expectedTables, `tables, slices of ${size}`);
    }
  }
  const bytes = new TextEncoder().encode(layouts[0] as string);
  const { tables } = await readJsonInSlices(
    (async function* () {
      yield bytes;
    })(),
    { only: new Set(['input', 'requirement']), pick: { input: ({ id, text }) => ({ id, text }) }, omit: ['title'] },
  );
  assert.equal(Object.keys(tables).sort(), ['input', 'requirement']);
  assert.equal(tables.input?.[0], { id: snapshot.tables.input?.[0]?.id, text: AWKWARD });
  assert.not.ok(tables.requirement?.some((r) => 'title' in r));
  assert.ok(tables.requirement?.every((r) => 'ref' in r));
  const cut = await readJsonInSlices(
    (async function* () {
      yield bytes.subarray(0, 1000);
    })(),
  ).catch((err: Error) => err);
  assert.instance(cut, Error, 'a snapshot cut short is refused');
});

Snapshot.run();
