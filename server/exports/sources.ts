/** Where an export's content comes from: the live database (now) or a frozen version, and the one before it. */
import type { Db } from '../../schema/db.ts';
import {
  type Cell,
  type Row,
  readSnapshot,
  SNAPSHOT_FORMAT,
  type Snapshot,
  SnapshotError,
  type SnapshotTables,
  versionInSlices,
} from '../queries/snapshot.ts';
import { previousVersionName } from '../queries/versions.ts';
import { type AnalysisView, buildAnalysisView } from './analysis.ts';
import { type ComparedSide, type Comparison, comparedSide, compareViews } from './changes.ts';

/** The analysis of `version`, or as it is now when no version is given. */
export const snapshotOf = (db: Db, version?: string): Promise<Snapshot> =>
  version === undefined ? readSnapshot(db) : versionSnapshot(db, version);

/**
 * A frozen version's content, the same snapshot loadVersionSnapshot gives, read a slice at a time: it is never
 * one string nor one parse. `options` leaves tables out or reduces their rows.
 */
export async function versionSnapshot(
  db: Db,
  name: string,
  options?: SliceReadOptions & { sliceBytes?: number },
): Promise<Snapshot> {
  const { version, slices } = await versionInSlices(db, name, options?.sliceBytes);
  const { head, tables } = await readJsonInSlices(slices, options);
  return {
    format: SNAPSHOT_FORMAT,
    schema_version: head.schema_version as string,
    exported_at: new Date().toISOString(),
    source: {
      kind: 'version',
      name: version.name,
      date: version.date,
      note: version.note,
      frozen_at: version.created_at,
      frozen_by: version.created_by,
      content_hash: version.content_hash,
    },
    tables: tables as SnapshotTables,
  };
}

/** The version a report's change list starts from (the one before `version`, or the newest for now). */
export async function previousSnapshot(db: Db, version?: string): Promise<Snapshot | undefined> {
  const name = await previousVersionName(db, version);
  return name === undefined ? undefined : versionSnapshot(db, name);
}

/** Columns no export shows: the texts kept for searching (lower-cased copies of the others). */
const UNSHOWN = ['search_text'];

/** The view of `version` (or now), read without the columns no export shows. */
export async function viewOf(db: Db, version?: string): Promise<AnalysisView> {
  const snapshot =
    version === undefined
      ? await readSnapshot(db, { omit: UNSHOWN })
      : await versionSnapshot(db, version, { omit: UNSHOWN });
  return buildAnalysisView(snapshot);
}

/**
 * Of a version a change list starts from, the tables the compared fields come from (see changes.ts), and of
 * input only its text and disposition.
 */
const STARTING_POINT: SliceReadOptions = {
  only: new Set([
    'organisation',
    'requirement',
    'requirement_provision',
    'assessment',
    'question',
    'question_requirement',
    'input',
    'national_solution',
    'measure',
    'measure_score_leaf',
    'measure_requirement',
    'measure_solution',
  ]),
  pick: { input: ({ id, text, disposition }) => ({ id, text, disposition }) },
  omit: UNSHOWN,
};

/** What a comparison reads of version `name`, where it starts from. */
export async function comparedVersion(db: Db, name: string): Promise<ComparedSide> {
  const { tables, ...snapshot } = await versionSnapshot(db, name, STARTING_POINT);
  const { input = [], ...rest } = tables;
  return comparedSide(buildAnalysisView({ ...snapshot, tables: rest }), input);
}

/**
 * The view of `version` (or now) and, when there is a version before it, what changed since. The version before
 * is read first and reduced to what the comparison reads, so that at no time are two whole analyses in memory.
 */
export async function viewWithChanges(db: Db, version?: string): Promise<{ view: AnalysisView; changes?: Comparison }> {
  const previous = await previousVersionName(db, version);
  const before = previous === undefined ? undefined : await comparedVersion(db, previous);
  const view = await viewOf(db, version);
  return { view, changes: before && compareViews(before, view) };
}

/** What changed from version `from` to version `to`, or to now. */
export async function compareNamed(db: Db, from: string, to?: string): Promise<Comparison> {
  const before = await comparedVersion(db, from);
  return compareViews(before, await viewOf(db, to));
}

/** What readJsonInSlices keeps of a table's rows. */
export interface SliceReadOptions {
  /** The tables to read; the others' rows are passed over unread. Left out: all. */
  only?: ReadonlySet<string>;
  /** Rows of a table reduced as they are read (to the columns a caller needs). */
  pick?: Readonly<Record<string, (row: Row) => Row>>;
  /** Columns left out of the other tables' rows. */
  omit?: readonly string[];
}

function without(row: Row, omit: readonly string[]): Row {
  if (!omit.some((column) => column in row)) return row;
  const kept: Row = {};
  for (const column in row) if (!omit.includes(column)) kept[column] = row[column] as Cell;
  return kept;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_LIST = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_LIST = 0x5d;

/**
 * Parses a snapshot's JSON (`{ …, "tables": { "<table>": [ {row}, … ], … } }`, laid out any way) from its UTF-8
 * bytes as they come, a row at a time: the text is never one string (a frozen version's is tens of megabytes,
 * twice that as a string) nor one parse. The other fields of the snapshot come back as `head`.
 */
export async function readJsonInSlices(
  slices: AsyncIterable<Uint8Array>,
  { only, pick, omit = [] }: SliceReadOptions = {},
): Promise<{ head: Record<string, unknown>; tables: Record<string, Row[]> }> {
  const head: Record<string, unknown> = {};
  const tables: Record<string, Row[]> = {};
  // Open objects and lists: 1 is the snapshot, 2 «tables», 3 a table's list, 4 a row (more: inside a value).
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inTables = false;
  /** At depth 1, or depth 2 inside «tables»: the next string is a key. */
  let expectKey = false;
  let field = '';
  let tableName = '';
  let table: Row[] | null = null;
  /** What is being gathered: a key, a field of the head, or a row; from `start`, in parts when it spans slices. */
  let gathering: 'key' | 'field' | 'row' | null = null;
  let start = 0;
  let parts: Buffer[] = [];
  const bad = (what: string) => new SnapshotError(`The frozen snapshot cannot be read: ${what}`);
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw bad(err instanceof Error ? err.message : String(err));
    }
  };
  const take = (bytes: Buffer, end: number): unknown => {
    const text = parts.length
      ? Buffer.concat([...parts, bytes.subarray(0, end)]).toString('utf8')
      : bytes.toString('utf8', start, end);
    parts = [];
    gathering = null;
    return parse(text);
  };
  for await (const slice of slices) {
    const bytes = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength);
    const length = bytes.length;
    // Where the next backslash is (as an unsigned number: none is past the end).
    let nextEscape = -1;
    for (let i = 0; i < length; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most of the text is inside strings: on to the string's end, or to the escape before it.
        if (nextEscape < i) nextEscape = bytes.indexOf(BACKSLASH, i) >>> 0;
        const end = bytes.indexOf(QUOTE, i) >>> 0;
        if (nextEscape < end) {
          i = nextEscape;
          escaped = true;
        } else if (end >= length) i = length;
        else {
          i = end;
          inString = false;
          if (gathering === 'key') {
            const name = take(bytes, i + 1) as string;
            if (depth === 1) field = name;
            else tableName = name;
            expectKey = false;
          }
        }
        continue;
      }
      const b = bytes[i] as number;
      if (b === QUOTE) {
        inString = true;
        if (expectKey && (depth === 1 || (depth === 2 && inTables))) {
          gathering = 'key';
          start = i;
        } else if (depth === 1 && gathering === null) {
          gathering = 'field';
          start = i;
        }
      } else if (b === OPEN_OBJECT || b === OPEN_LIST) {
        if (depth === 1 && gathering === null) {
          if (field === 'tables' && b === OPEN_OBJECT) {
            inTables = true;
            expectKey = true;
          } else {
            gathering = 'field';
            start = i;
          }
        } else if (depth === 2 && inTables) {
          if (b !== OPEN_LIST) throw bad(`table ${tableName} is not a list`);
          table = only && !only.has(tableName) ? null : [];
          if (table) tables[tableName] = table;
        } else if (depth === 3 && inTables && table) {
          gathering = 'row';
          start = i;
        } else if (depth === 0) expectKey = true;
        depth++;
      } else if (b === CLOSE_OBJECT || b === CLOSE_LIST) {
        depth--;
        if (depth === 3 && gathering === 'row') {
          const row = take(bytes, i + 1) as Row;
          const read = pick?.[tableName];
          (table as Row[]).push(read ? read(row) : without(row, omit));
        } else if (depth === 1 && inTables) {
          inTables = false;
        } else if (depth === 0 && gathering === 'field') head[field] = take(bytes, i);
      } else if (b === COMMA) {
        if (depth === 1) {
          if (gathering === 'field') head[field] = take(bytes, i);
          expectKey = true;
        } else if (depth === 2 && inTables) expectKey = true;
      } else if (depth === 1 && gathering === null && !expectKey && b > 0x20 && b !== COLON) {
        gathering = 'field';
        start = i;
      }
    }
    if (gathering !== null) {
      parts.push(Buffer.from(bytes.subarray(parts.length ? 0 : start)));
      start = 0;
    }
  }
  if (depth !== 0 || inString) throw bad('it ends too early');
  return { head, tables };
}

/** A file name part: ASCII letters, digits, `.`, `_` and `-`; anything else becomes `-`. */
export const fileNamePart = (text: string) =>
  text
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'oe')
    .replace(/[åÅ]/g, 'aa')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'versjon';

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII name for old clients, the exact one for the rest. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
