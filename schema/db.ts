/** Opening the SQLite database: the one place that knows it is SQLite. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (file !== ':memory:') files.set(db, file);
  return { db, sqlite };
}

const files = new WeakMap<Db, string>();

/** The file a database was opened from (undefined in memory): for a worker thread to open its own connection. */
export const databaseFile = (db: Db): string | undefined => files.get(db);

/** Prepared statements kept for reuse; more distinct queries than this are rare (lists of ids vary in length). */
const STATEMENT_CACHE_SIZE = 300;

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely prepares every
 * query anew, and compiling a list query with its subqueries costs SQLite more than running it. Kysely runs
 * one query at a time on the connection, so a kept statement is never in use twice at once.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Least recently used goes first: move this one to the end.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/**
 * A value that changes whenever anything in the database changes, through this connection or another
 * process's: for caches of answers computed from many rows. Cheap: no table is read.
 */
export async function dataVersion(db: Db): Promise<string> {
  const own = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  const others = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  return `${own.rows[0]?.n}:${others.rows[0]?.data_version}`;
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
