import { sql } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { migrate, openDb } from '../../schema/db.ts';
import { migrations } from '../../schema/migrations/index.ts';

const Migrations = suite('migrations');

Migrations('run up from an empty database and are recorded once', async () => {
  const { db, sqlite } = openDb(':memory:');
  const applied = await migrate(db);
  assert.equal(applied, Object.keys(migrations));
  assert.equal(await migrate(db), [], 'a second run applies nothing');
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const t of [
    'requirement',
    'assessment',
    'provision',
    'question',
    'input',
    'audit_log',
    'meeting',
    'reference_group',
  ]) {
    assert.ok(
      tables.some((x) => x.name === t),
      `table ${t}`,
    );
  }
  sqlite.close();
});

Migrations('are numbered and registered in order', () => {
  const names = Object.keys(migrations);
  assert.equal([...names].sort(), names);
  for (const [i, n] of names.entries()) assert.ok(n.startsWith(String(i + 1).padStart(4, '0')), n);
});

Migrations('down() of every migration leaves an empty schema', async () => {
  const { db, sqlite } = openDb(':memory:');
  await migrate(db);
  for (const name of Object.keys(migrations).reverse()) await migrations[name]!.down!(db);
  const left = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  assert.equal(left, []);
  sqlite.close();
});

Migrations('foreign keys and WAL are on for a file database', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/ehds-`);
  const { db, sqlite } = openDb(`${dir}/sub/t.db`);
  await migrate(db);
  assert.is(sqlite.pragma('journal_mode', { simple: true }), 'wal');
  assert.is(sqlite.pragma('foreign_keys', { simple: true }), 1);
  let refused = false;
  try {
    await sql`INSERT INTO requirement_category (requirement_id, category) VALUES (999, 'a')`.execute(db);
  } catch {
    refused = true;
  }
  assert.ok(refused, 'a link to a missing requirement is refused');
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

Migrations.run();
