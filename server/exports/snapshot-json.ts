/**
 * The JSON snapshot file: the whole analysis with `schema_version` and `exported_at`, one table row
 * per line so that two snapshots can be compared with diff. Parsing checks the shape; whether the
 * content fits the database is for writeSnapshot().
 */
import { createReadStream } from 'node:fs';
import { z } from '@hono/zod-openapi';
import {
  LongText,
  type RowInParts,
  SNAPSHOT_FORMAT,
  type Snapshot,
  SnapshotError,
  type SnapshotInParts,
} from '../queries/snapshot.ts';

const Cell = z.union([z.string(), z.number(), z.null()]);

export const SnapshotSchema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    schema_version: z.string().min(1).openapi({ description: 'The newest migration of the database that wrote it' }),
    exported_at: z.string(),
    source: z
      .union([
        z.object({ kind: z.literal('now') }),
        z.object({
          kind: z.literal('version'),
          name: z.string(),
          date: z.string(),
          note: z.string(),
          frozen_at: z.string(),
          frozen_by: z.string(),
          content_hash: z.string(),
        }),
      ])
      .openapi({ description: '`now`, or the frozen version it was taken from' }),
    tables: z
      .record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.array(z.record(z.string(), Cell)))
      .openapi({ description: 'Rows of every table, in a fixed order' }),
  })
  .openapi('Snapshot');

/** One row per line, keys in column order: valid JSON that diffs well. */
export function serializeSnapshot(snapshot: Snapshot): string {
  const { tables, ...head } = snapshot;
  const parts = Object.entries(tables).map(([name, rows]) => {
    const lines = (rows as unknown[]).map((row) => JSON.stringify(row));
    return `${JSON.stringify(name)}: [${lines.length ? `\n${lines.join(',\n')}\n` : ''}]`;
  });
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)},\n"tables": {\n${parts.join(',\n')}\n}}\n`;
}

/**
 * The text serializeSnapshot gives, in pieces of about 64 KB, for a snapshot read in parts
 * (readSnapshotInParts): a backup with its versions can be larger than the longest string JavaScript allows.
 */
export async function* serializeSnapshotInParts({ head, tables }: SnapshotInParts): AsyncGenerator<string> {
  const headText = JSON.stringify(head);
  yield `${headText.slice(0, -1)},\n"tables": {\n`;
  let out = '';
  let first = true;
  for await (const { table, parts } of tables) {
    out += `${first ? '' : ',\n'}${JSON.stringify(table)}: [`;
    first = false;
    let rows = 0;
    for await (const part of parts) {
      for (const row of part) {
        out += rows++ === 0 ? '\n' : ',\n';
        if (Object.values(row).some((v) => v instanceof LongText)) {
          // A version's row: its snapshot given in pieces as it is escaped, never as one string.
          yield out;
          out = '';
          yield* rowInPieces(row);
          continue;
        }
        const line = JSON.stringify(row);
        if (line.length < PIECE) out += line;
        else {
          yield out;
          out = '';
          yield* piecesOf(line);
        }
        if (out.length >= PIECE) {
          yield out;
          out = '';
        }
      }
    }
    out += rows ? '\n]' : ']';
  }
  yield `${out}\n}}\n`;
}

/**
 * Characters (or, for a LongText, bytes) given at a time: small enough that each piece is a young object,
 * collected as soon as it is sent, where a megabyte would wait for a full collection with the rest.
 */
const PIECE = 1 << 16;

/** A snapshot already read, as serializeSnapshotInParts takes it: its text then comes in pieces, never whole. */
export function inParts({ tables, ...head }: Snapshot): SnapshotInParts {
  return {
    head,
    tables: Object.entries(tables).map(([table, rows]) => ({ table, parts: [rows as RowInParts[]] })),
  };
}

/** A long text in pieces of about PIECE characters, never splitting a surrogate pair (it would not encode). */
function* piecesOf(text: string): Generator<string> {
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + PIECE);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) to--;
    yield text.slice(from, to);
    from = to;
  }
}

/** JSON.stringify(row) in pieces, with each LongText escaped a piece at a time. */
function* rowInPieces(row: RowInParts): Generator<string> {
  let out = '{';
  for (const [i, [column, value]] of Object.entries(row).entries()) {
    out += `${i > 0 ? ',' : ''}${JSON.stringify(column)}:`;
    if (!(value instanceof LongText)) {
      out += JSON.stringify(value);
      continue;
    }
    yield `${out}"`;
    yield* escapedPieces(value);
    out = '"';
  }
  yield `${out}}`;
}

/**
 * What JSON.stringify gives for a LongText, without its quotes, in pieces of about PIECE bytes. The decoder
 * holds back a character cut by the end of a piece, so escaping the pieces one by one gives the same as
 * escaping the whole.
 */
function* escapedPieces(text: LongText): Generator<string> {
  const decoder = new TextDecoder();
  for (const slice of text.slices()) {
    for (let from = 0; from < slice.length; from += PIECE) {
      const piece = decoder.decode(slice.subarray(from, from + PIECE), { stream: true });
      if (piece) yield JSON.stringify(piece).slice(1, -1);
    }
  }
  const rest = decoder.decode();
  if (rest) yield JSON.stringify(rest).slice(1, -1);
}

/**
 * Reads a snapshot file as serializeSnapshot writes it (one row per line), line by line, so that a backup
 * larger than the longest string JavaScript allows can be read. Throws SnapshotError on invalid UTF-8 or a
 * file not in that layout (such as one re-indented by hand: parseSnapshotJson reads those, up to that size).
 */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  const lines = linesOf(path);
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new SnapshotError('The snapshot file ends too early');
    return value;
  };
  const bad = (what: string) =>
    new SnapshotError(`The snapshot file is not laid out one row per line, as ehds-gap writes it (${what})`);
  const first = (await next()).replace(/^\uFEFF/, '');
  if (!first.startsWith('{') || !first.endsWith(',')) throw bad('first line');
  const head = parseLine(`${first.slice(0, -1)}}`) as Record<string, unknown>;
  if ((await next()) !== '"tables": {') throw bad('second line');
  const tables: Record<string, unknown[]> = {};
  for (;;) {
    const line = await next();
    if (line === '}}') break;
    const opening = /^("(?:[^"\\]|\\.)*"): \[(\]?),?$/.exec(line);
    if (!opening) throw bad(`table line «${line.slice(0, 40)}»`);
    const rows: unknown[] = [];
    tables[parseLine(opening[1]!) as string] = rows;
    if (opening[2]) continue;
    for (;;) {
      const row = await next();
      if (row === ']' || row === '],') break;
      rows.push(parseLine(row.endsWith(',') ? row.slice(0, -1) : row));
    }
  }
  return checkSnapshot({ ...head, tables });
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`The snapshot is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The lines of a UTF-8 file, read a chunk at a time; invalid UTF-8 is refused. Only each new chunk is searched
 * for the line end: a version's line is tens of megabytes, and searching it whole for every chunk would take
 * hours.
 */
async function* linesOf(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line: string[] = [];
  const take = function* (text: string): Generator<string> {
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      line.push(text.slice(from, at));
      yield line.join('');
      line = [];
      from = at + 1;
    }
    if (from < text.length) line.push(text.slice(from));
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      yield* take(decoder.decode(chunk as Buffer, { stream: true }));
    }
    yield* take(decoder.decode());
  } catch (err) {
    if (err instanceof TypeError) throw new SnapshotError('The snapshot file is not valid UTF-8');
    throw err;
  }
  if (line.length) yield line.join('');
}

/** Parses a snapshot file; throws SnapshotError (400) on bad JSON or a shape that is not a snapshot. */
export function parseSnapshotJson(text: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SnapshotError(`The snapshot is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return checkSnapshot(value);
}

export function checkSnapshot(value: unknown): Snapshot {
  const result = SnapshotSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      field: i.path.map(String).join('.') || '(body)',
      message: i.message,
    }));
    const first = issues[0];
    throw new SnapshotError(`Not an ehds-gap snapshot: ${first ? `${first.field}: ${first.message}` : 'rejected'}`, {
      issues: issues.slice(0, 20),
    });
  }
  return result.data as Snapshot;
}
