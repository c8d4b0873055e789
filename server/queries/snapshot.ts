/**
 * The whole analysis as one canonical object (every table's rows, in a fixed order) and back.
 * Versions freeze it, every export reads from it (now = a snapshot of the live database), and the
 * JSON snapshot carries it between databases. Nothing here knows about formats or HTTP.
 */
import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { type Db, databaseFile, type OpenedDb, openDb } from '../../schema/db.ts';
import { migrations } from '../../schema/migrations/index.ts';
import type { Database } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { recordAudit } from './audit.ts';

export const SNAPSHOT_FORMAT = 'ehds-gap-snapshot';

/** Migration names in the order they run; the last is the schema version a snapshot is written in. */
export const MIGRATION_NAMES = Object.keys(migrations).sort();
export const LATEST_SCHEMA_VERSION = MIGRATION_NAMES[MIGRATION_NAMES.length - 1] as string;

/**
 * The analysis' tables, parents before children (the order rows are inserted in). A table a later
 * migration adds and this list does not name is still carried, after these (test/server/snapshot
 * fails until it is named here, so its place in the order is decided by a person).
 */
export const ANALYSIS_TABLES = [
  'area',
  'category',
  'provision',
  'implementing_act',
  'legal_milestone',
  'plan_milestone',
  'organisation',
  'requirement',
  'requirement_provision',
  'requirement_category',
  'assessment',
  'meeting',
  'meeting_organisation',
  'meeting_area',
  'question',
  'question_requirement',
  'question_provision',
  'reference_group',
  'reference_group_requirement',
  // Input given in a consultation round points at it, so rounds go in before input.
  'consultation_round',
  'round_requirement',
  'input',
  'input_requirement',
  'input_question',
  'national_solution',
  'measure',
  'measure_score_leaf',
  'measure_requirement',
  'measure_solution',
] as const satisfies readonly (keyof Database)[];

/** History: carried by a full snapshot (backup, move), never frozen into a version. */
export const HISTORY_TABLES = ['audit_log', 'analysis_version'] as const satisfies readonly (keyof Database)[];

/**
 * Accounts belong to one installation, not to the analysis: users, their password hashes, sessions and
 * group membership are never read into a snapshot (so never into a version, an export or a JSON file),
 * are not counted when an import checks that the database is empty, and are never written by an import.
 */
export const ACCOUNT_TABLES = [
  'app_user',
  'user_credential',
  'user_session',
  'reference_group_member',
] as const satisfies readonly (keyof Database)[];

/** Columns of analysis tables that point at accounts: left out of snapshots for the same reason. */
export const ACCOUNT_COLUMNS: Partial<Record<keyof Database, readonly string[]>> = { input: ['user_id'] };

/** Audit entries about accounts (users, group membership): they stay with the installation, like the accounts. */
export const ACCOUNT_AUDIT_ENTITIES: readonly string[] = ['user', 'reference_group_member'];

/** Rows without the audit log's entries about accounts. */
function withoutAccountEntries<R extends RowInParts>(table: string, rows: R[]): R[] {
  return table === 'audit_log' ? rows.filter((r) => !ACCOUNT_AUDIT_ENTITIES.includes(String(r.entity))) : rows;
}

/** Rows as a snapshot carries them: without account columns, and without the audit log's entries about accounts. */
function withoutAccounts(table: string, rows: Row[]): Row[] {
  const kept = withoutAccountEntries(table, rows);
  const drop = ACCOUNT_COLUMNS[table as keyof Database];
  if (!drop) return kept;
  return kept.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !drop.includes(column))));
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;
/** Rows per table. Tables a snapshot from an older schema lacks are simply absent. */
export type SnapshotTables = { [K in keyof Database]?: Selectable<Database[K]>[] };

export type SnapshotSource =
  | { kind: 'now' }
  | {
      kind: 'version';
      name: string;
      date: string;
      note: string;
      frozen_at: string;
      frozen_by: string;
      content_hash: string;
    };

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  schema_version: string;
  exported_at: string;
  source: SnapshotSource;
  tables: SnapshotTables;
}

/** Kysely over table names known only at run time (tables a later migration adds). */
const untyped = (db: Db) => db as unknown as Kysely<Record<string, Row>>;

/** JSON with object keys sorted at every level: equal content gives equal text and equal hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, (v as Record<string, unknown>)[k]]),
    );
  });
}

export const contentHash = (tables: SnapshotTables) => createHash('sha256').update(canonicalJson(tables)).digest('hex');

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rows in a fixed order whatever order the database returned them in: by each column, left to right. */
function sortRows(rows: Row[]): Row[] {
  if (rows.length === 0) return rows;
  const columns = Object.keys(rows[0] as Row);
  return [...rows].sort((r, s) => {
    for (const column of columns) {
      const c = compareCells(r[column] ?? null, s[column] ?? null);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Every table in the database with its columns; migration bookkeeping excluded. */
export async function databaseTables(db: Db): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.filter((t) => !t.isView).map((t) => [t.name, t.columns.map((c) => c.name)]));
}

/** Table names in insertion order: the known ones first, then any the lists above do not name yet. */
export function orderedTables(present: Iterable<string>, withHistory: boolean): string[] {
  const known: string[] = [...ANALYSIS_TABLES, ...(withHistory ? HISTORY_TABLES : [])];
  const all = new Set(present);
  const ordered = known.filter((t) => all.has(t));
  const excluded = new Set<string>([...HISTORY_TABLES, ...ACCOUNT_TABLES]);
  const extra = [...all].filter((t) => !known.includes(t) && !excluded.has(t)).sort();
  return [...ordered, ...extra];
}

/** What readSnapshot reads: with the history (a full backup), or without some columns (for a report). */
export interface ReadOptions {
  /** The audit log and the frozen versions too. */
  history?: boolean;
  /** Columns left out of every table (an export that never shows them need not hold them). */
  omit?: readonly string[];
}

/**
 * Reads the analysis as it is now, in one transaction so that it is consistent. `history` adds the
 * audit log and the frozen versions (a full backup); without it, it is what a version freezes.
 */
export async function readSnapshotTables(
  db: Db,
  { history = false, omit = [] }: ReadOptions = {},
): Promise<SnapshotTables> {
  const read = async (trx: Db) => {
    const tables: Record<string, Row[]> = {};
    const present = await databaseTables(trx);
    for (const table of orderedTables(present.keys(), history)) {
      const columns = present.get(table)?.filter((c) => !omit.includes(c)) ?? [];
      const query = untyped(trx).selectFrom(table);
      const rows = await (omit.length ? query.select(columns) : query.selectAll()).execute();
      tables[table] = sortRows(withoutAccounts(table, rows));
    }
    return tables as SnapshotTables;
  };
  return db.isTransaction ? read(db) : db.transaction().execute(read);
}

export async function readSnapshot(db: Db, options: ReadOptions = {}): Promise<Snapshot> {
  return {
    format: SNAPSHOT_FORMAT,
    schema_version: LATEST_SCHEMA_VERSION,
    exported_at: new Date().toISOString(),
    source: { kind: 'now' },
    tables: await readSnapshotTables(db, options),
  };
}

/**
 * A text too long to read at once (a version's frozen snapshot is tens of megabytes, twice that as a JavaScript
 * string): its UTF-8 bytes, read a slice at a time when they are written out.
 */
export class LongText {
  constructor(readonly slices: () => Iterable<Uint8Array>) {}
}

/** A row read for streaming: a very long text may come as a LongText. */
export type RowInParts = Record<string, Cell | LongText>;

/** A table of a snapshot whose rows come some at a time. */
export interface TableInParts {
  table: string;
  parts: AsyncIterable<RowInParts[]> | Iterable<RowInParts[]>;
}

export interface SnapshotInParts {
  head: Omit<Snapshot, 'tables'>;
  /** Each table's rows must be read to the end before the next table is asked for. */
  tables: AsyncIterable<TableInParts> | Iterable<TableInParts>;
}

/** Rows read at a time. */
const BATCH = 2000;

/** Columns read as LongText: a version's snapshot. */
const LONG_TEXT: Record<string, readonly string[]> = { analysis_version: ['snapshot'] };

/** Bytes of a long text read at a time: each read makes SQLite load the whole value once more, so not too small. */
export const SLICE_BYTES = 16 << 20;

const headNow = (): Omit<Snapshot, 'tables'> => ({
  format: SNAPSHOT_FORMAT,
  schema_version: LATEST_SCHEMA_VERSION,
  exported_at: new Date().toISOString(),
  source: { kind: 'now' },
});

/**
 * The full snapshot (with the audit log and the versions) for a backup, read so that it never has to be in
 * memory at once. The rows and their order are those of readSnapshot(db, { history: true }).
 *
 * From a database file: on a connection of its own, in one read transaction that lasts until the last row
 * is read (so it is consistent, and the connection that serves everyone else is never held), each table
 * read in its primary key's order a batch at a time, a version's snapshot as a LongText of `sliceBytes`
 * slices. The connection is opened when the first table is asked for and closed after the last (or when the
 * reader stops early). In memory (tests): the analysis' tables in one transaction, and the history after it,
 * by id up to where it stood in that transaction (it only grows).
 */
export async function readSnapshotInParts(db: Db, { sliceBytes = SLICE_BYTES } = {}): Promise<SnapshotInParts> {
  const file = databaseFile(db);
  return { head: headNow(), tables: file ? tablesFromFile(file, sliceBytes) : await tablesInTwoSteps(db) };
}

async function* tablesFromFile(file: string, sliceBytes: number): AsyncGenerator<TableInParts> {
  const reader = openDb(file);
  try {
    // Deferred: the snapshot the transaction reads is taken by its first read, the list of tables.
    reader.sqlite.exec('BEGIN');
    const present = await databaseTables(reader.db);
    for (const table of orderedTables(present.keys(), true)) {
      yield { table, parts: tableFromFile(reader.sqlite, table, present.get(table) ?? [], sliceBytes) };
    }
    reader.sqlite.exec('COMMIT');
  } finally {
    if (reader.sqlite.inTransaction) reader.sqlite.exec('ROLLBACK');
    await reader.db.destroy();
  }
}

/**
 * A table's rows in the order sortRows gives. A table keyed by one integer column, its first, is read in that
 * column's order as it goes; any other table (link tables, small) is read whole and sorted here.
 */
async function* tableFromFile(
  sqlite: OpenedDb['sqlite'],
  table: string,
  columns: string[],
  sliceBytes: number,
): AsyncIterable<RowInParts[]> {
  const dropped = ACCOUNT_COLUMNS[table as keyof Database] ?? [];
  const long = LONG_TEXT[table] ?? [];
  const list = columns
    .filter((c) => !dropped.includes(c))
    .map((c) => (long.includes(c) ? `octet_length(${quote(c)}) AS ${quote(c)}` : quote(c)))
    .join(', ');
  const keys = (sqlite.pragma(`table_info(${quote(table)})`) as { name: string; type: string; pk: number }[]).filter(
    (c) => c.pk > 0,
  );
  const key =
    keys.length === 1 && keys[0]?.name === columns[0] && /^integer$/i.test(keys[0].type) ? keys[0].name : null;
  if (key === null) {
    const rows = sqlite.prepare(`SELECT ${list} FROM ${quote(table)}`).all() as Row[];
    yield sortRows(withoutAccountEntries(table, rows));
    return;
  }
  const select = sqlite.prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY ${quote(key)}`);
  if (long.length) {
    // The connection reads nothing else while a statement is being stepped through, and a LongText reads
    // when it is written: the rows (without their long texts) are read first.
    for (const row of select.all() as Row[]) {
      const read: RowInParts = { ...row };
      for (const column of long) {
        const length = row[column];
        if (typeof length === 'number') {
          read[column] = new LongText(() =>
            slicesOf(sqlite, { table, column, key, id: row[key] ?? null }, length, sliceBytes),
          );
        }
      }
      yield withoutAccountEntries(table, [read]);
    }
    return;
  }
  let batch: RowInParts[] = [];
  for (const row of select.iterate()) {
    batch.push(row as RowInParts);
    if (batch.length < BATCH) continue;
    yield withoutAccountEntries(table, batch);
    batch = [];
  }
  if (batch.length) yield withoutAccountEntries(table, batch);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The UTF-8 bytes of one text cell (in the row whose `key` is `id`), `sliceBytes` at a time. */
function* slicesOf(
  sqlite: OpenedDb['sqlite'],
  cell: { table: string; column: string; key: string; id: Cell },
  length: number,
  sliceBytes: number,
): Generator<Uint8Array> {
  const read = sqlite
    .prepare(
      `SELECT substr(CAST(${quote(cell.column)} AS BLOB), ?, ?) FROM ${quote(cell.table)} WHERE ${quote(cell.key)} = ?`,
    )
    .pluck();
  for (let from = 0; from < length; from += sliceBytes) yield read.get(from + 1, sliceBytes, cell.id) as Uint8Array;
}

async function tablesInTwoSteps(db: Db): Promise<TableInParts[]> {
  const history = new Set<string>(HISTORY_TABLES);
  const { order, analysis, lastIds } = await db.transaction().execute(async (trx) => {
    const order = orderedTables((await databaseTables(trx)).keys(), true);
    const analysis = new Map<string, Row[]>();
    const lastIds = new Map<string, number>();
    for (const table of order) {
      if (history.has(table)) {
        const { last } = await untyped(trx)
          .selectFrom(table)
          .select((eb) => eb.fn.max<number>('id').as('last'))
          .executeTakeFirstOrThrow();
        lastIds.set(table, Number(last ?? 0));
      } else {
        analysis.set(
          table,
          sortRows(withoutAccounts(table, await untyped(trx).selectFrom(table).selectAll().execute())),
        );
      }
    }
    return { order, analysis, lastIds };
  });
  async function* historyRows(table: string): AsyncIterable<Row[]> {
    const last = lastIds.get(table) ?? 0;
    let after = 0;
    for (;;) {
      const rows = await untyped(db)
        .selectFrom(table)
        .selectAll()
        .where('id', '>', after)
        .where('id', '<=', last)
        .orderBy('id')
        .limit(table === 'analysis_version' ? 1 : BATCH)
        .execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.id);
      yield withoutAccounts(table, rows);
    }
  }
  async function* all(table: string): AsyncIterable<Row[]> {
    const rows = analysis.get(table) ?? [];
    // Handed over once: the table's rows can be collected as soon as they are written.
    analysis.delete(table);
    yield rows;
  }
  return order.map((table) => ({ table, parts: history.has(table) ? historyRows(table) : all(table) }));
}

/**
 * A frozen version without its snapshot, and the snapshot's UTF-8 bytes a slice at a time (readJsonInSlices
 * parses them): read whole, it is tens of megabytes of text, twice that as a JavaScript string. A version never
 * changes, so the slices need no transaction to agree.
 */
export async function versionInSlices(db: Db, name: string, sliceBytes = SLICE_BYTES) {
  const version = await db
    .selectFrom('analysis_version')
    .select(['id', 'name', 'date', 'note', 'created_at', 'created_by', 'content_hash'])
    .select(sql<number | null>`octet_length(snapshot)`.as('bytes'))
    .where('name', '=', name)
    .executeTakeFirst();
  if (!version) throw notFound(`Version «${name}»`);
  async function* slices(): AsyncGenerator<Uint8Array> {
    for (let from = 0; from < (version?.bytes ?? 0); from += sliceBytes) {
      const { rows } = await sql<{ part: Uint8Array }>`
        select substr(cast(snapshot as blob), ${from + 1}, ${sliceBytes}) as part
        from analysis_version where id = ${version?.id}`.execute(db);
      yield rows[0]?.part ?? new Uint8Array(0);
    }
  }
  return { version, slices: slices() };
}

/** A snapshot that cannot be imported; the import route answers it with 400. */
export class SnapshotError extends ApiError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(400, message, details);
  }
}

/** Largest number of bound values in one INSERT; well under every database's limit. */
const MAX_BOUND_VALUES = 4000;

export interface ImportResult {
  schema_version: string;
  tables: Record<string, number>;
  rows: number;
}

/**
 * Writes a snapshot into an empty database, all of it or nothing (one transaction). Refuses with 409 when
 * the database holds any row of the tables the snapshot fills, and with 400 when the snapshot names a
 * table or column this schema does not have, breaks a constraint, or carries a version whose content
 * does not match its hash. Records one audit entry for the import itself, after the imported history.
 */
export async function writeSnapshot(db: Db, snapshot: Snapshot, actor: string): Promise<ImportResult> {
  const knownIndex = MIGRATION_NAMES.indexOf(snapshot.schema_version);
  if (knownIndex < 0) {
    throw new SnapshotError(
      `The snapshot's schema_version «${snapshot.schema_version}» is unknown here; this database is at «${LATEST_SCHEMA_VERSION}». Import it with the version of ehds-gap that wrote it.`,
      { field: 'schema_version' },
    );
  }
  return db.transaction().execute(async (trx) => {
    const present = await databaseTables(trx);
    const given = Object.keys(snapshot.tables);
    const unknown = given.filter((t) => !present.has(t));
    if (unknown.length) {
      throw new SnapshotError(`The snapshot has tables this database does not: ${unknown.join(', ')}`, {
        field: 'tables',
      });
    }
    const accounts = given.filter((t) => (ACCOUNT_TABLES as readonly string[]).includes(t));
    if (accounts.length) {
      throw new SnapshotError(`Accounts are never imported; the snapshot carries ${accounts.join(', ')}`, {
        field: 'tables',
      });
    }
    for (const table of given) {
      const columns = new Set(present.get(table));
      for (const column of ACCOUNT_COLUMNS[table as keyof Database] ?? []) columns.delete(column);
      const rows = (snapshot.tables as Record<string, Row[]>)[table] ?? [];
      const bad = new Set<string>();
      for (const row of rows) for (const column in row) if (!columns.has(column)) bad.add(column);
      if (bad.size) {
        throw new SnapshotError(`Table ${table} has no column ${[...bad].join(', ')}`, { field: `tables.${table}` });
      }
    }
    checkVersionHashes(snapshot.tables);

    const occupied: Record<string, number> = {};
    for (const table of orderedTables(present.keys(), true)) {
      let count = untyped(trx)
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'));
      // The installation's own account history (its first administrator…) does not make it «not empty».
      if (table === 'audit_log') count = count.where('entity', 'not in', [...ACCOUNT_AUDIT_ENTITIES]);
      const { n } = await count.executeTakeFirstOrThrow();
      if (Number(n) > 0) occupied[table] = Number(n);
    }
    const names = Object.keys(occupied);
    if (names.length) {
      const first = names.includes('requirement') ? 'requirement' : (names[0] as string);
      const others = names.length - 1;
      throw new ApiError(
        409,
        `The database is not empty: it holds ${occupied[first]} rows of ${first}${others ? ` and rows in ${others} other tables` : ''}. A snapshot is imported only into an empty database, so that nothing is overwritten or mixed: import it into a new database file (EHDS_DB=new.db npm run cli -- import-snapshot FILE).`,
        { tables: occupied },
      );
    }

    // That account history steps aside for the imported one (which keeps its ids) and comes back after it.
    const ownAccountHistory = await trx.selectFrom('audit_log').selectAll().orderBy('id').execute();
    if (ownAccountHistory.length) await trx.deleteFrom('audit_log').execute();

    const counts: Record<string, number> = {};
    for (const table of orderedTables(given, true)) {
      const rows = (snapshot.tables as Record<string, Row[]>)[table] ?? [];
      counts[table] = rows.length;
      const width = Math.max(1, Object.keys(rows[0] ?? {}).length);
      const chunk = Math.max(1, Math.floor(MAX_BOUND_VALUES / width));
      for (let i = 0; i < rows.length; i += chunk) {
        try {
          await untyped(trx)
            .insertInto(table)
            .values(rows.slice(i, i + chunk))
            .execute();
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new SnapshotError(`Table ${table}, rows ${i + 1}–${Math.min(rows.length, i + chunk)}: ${reason}`, {
            field: `tables.${table}`,
          });
        }
      }
    }
    if (ownAccountHistory.length) {
      await trx
        .insertInto('audit_log')
        .values(ownAccountHistory.map(({ id: _id, ...row }) => row))
        .execute();
    }
    const rowsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
    await recordAudit(trx, {
      actor,
      entity: 'snapshot',
      entityId: 0,
      action: 'create',
      changes: {
        imported: [
          null,
          {
            schema_version: snapshot.schema_version,
            exported_at: snapshot.exported_at,
            source: snapshot.source,
            content_hash: contentHash(withoutHistory(snapshot.tables)),
            rows: rowsTotal,
          },
        ],
      },
    });
    return { schema_version: snapshot.schema_version, tables: counts, rows: rowsTotal };
  });
}

export function withoutHistory(tables: SnapshotTables): SnapshotTables {
  const copy: Record<string, unknown> = { ...tables };
  for (const table of HISTORY_TABLES) delete copy[table];
  return copy as SnapshotTables;
}

/** A frozen version must hold what its hash says: a hand-edited snapshot cannot smuggle in a changed baseline. */
function checkVersionHashes(tables: SnapshotTables) {
  for (const version of tables.analysis_version ?? []) {
    let inner: { tables?: SnapshotTables };
    try {
      inner = JSON.parse(version.snapshot);
    } catch {
      throw new SnapshotError(`Version ${version.name}: its snapshot is not JSON`, {
        field: 'tables.analysis_version',
      });
    }
    if (!inner.tables || contentHash(inner.tables) !== version.content_hash) {
      throw new SnapshotError(`Version ${version.name}: its content does not match its content_hash`, {
        field: 'tables.analysis_version',
      });
    }
  }
}
