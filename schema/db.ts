/** Opening the SQLite database: the one place that knows it is SQLite. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './types.ts';

export type Db = Kysely<Database>;

export interface OpenedDb {
  db: Db;
  /** The raw connection, for SQLite-only operations (online backup, integrity check). */
  sqlite: SQLite.Database;
}

/** Opens (creating if needed) a SQLite file, or `:memory:`, with foreign keys and WAL on. */
export function openDb(file: string): OpenedDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before the client hears «saved», even across a power cut.
  sqlite.pragma('synchronous = FULL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}

/** Brings the schema up to the newest migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** A fresh, migrated in-memory database: what tests and the snapshot import start from. */
export async function openMemoryDb(): Promise<OpenedDb> {
  const opened = openDb(':memory:');
  await migrate(opened.db);
  return opened;
}

/** Consistent online copy of the database to `target`, while writers go on. */
export async function backupDb(sqlite: SQLite.Database, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  await sqlite.backup(target);
}
