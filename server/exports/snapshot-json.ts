/**
 * The JSON snapshot file: the whole analysis with `schema_version` and `exported_at`, one table row
 * per line so that two snapshots can be compared with diff. Parsing checks the shape; whether the
 * content fits the database is for writeSnapshot().
 */
import { z } from '@hono/zod-openapi';
import { SNAPSHOT_FORMAT, type Snapshot, SnapshotError } from '../queries/snapshot.ts';

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
