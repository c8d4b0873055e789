/**
 * The konsekvensvurdering exports (DOCX report, XLSX workbook, JSON snapshot, change list CSV), each
 * from now or from a frozen version, and the snapshot import. DOCX and XLSX are built in a worker thread.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { databaseFile } from '../../schema/db.ts';
import { CHANGE_COLUMNS, changeRows } from '../exports/changes.ts';
import { dateOslo } from '../exports/labels.ts';
import type { ExportKind } from '../exports/render.ts';
import { inParts, SnapshotSchema, serializeSnapshotInParts } from '../exports/snapshot-json.ts';
import { attachment, compareNamed, fileNamePart, previousSnapshot, snapshotOf } from '../exports/sources.ts';
import { renderExport } from '../exports/worker-pool.ts';
import { writeCsv } from '../lib/csv.ts';
import { createRouter, errors, jsonResponse } from '../lib/openapi.ts';
import { readSnapshotInParts, type Snapshot, type SnapshotInParts, writeSnapshot } from '../queries/snapshot.ts';
import { getVersion } from '../queries/versions.ts';
import { CompareQuery } from './versions.ts';

const VersionQuery = z.object({
  version: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'A frozen version (e.g. V0.8); left out: the analysis as it is now', example: 'V0.8' }),
});

const binary = (mediaType: string, description: string) => ({
  content: { [mediaType]: { schema: z.string().openapi({ format: 'binary' }) } },
  description,
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const report = createRoute({
  method: 'get',
  path: '/export/report.docx',
  tags: ['exports'],
  summary: '«EHDS konsekvensvurdering – gapanalyse» as a Word document, from now or a version',
  description:
    'Title page with version and date, table of contents, summary with coverage per area (table and chart), the gap analysis per area and requirement, principle questions, deadlines, and appendices (traceability, correlation table, engagement meetings, changes since the previous version). File name `ehds-konsekvensvurdering-<version|date>.docx`.',
  request: { query: VersionQuery },
  responses: { 200: binary(DOCX, 'The report'), 400: errors[400], 404: errors[404] },
});

const workbook = createRoute({
  method: 'get',
  path: '/export/workbook.xlsx',
  tags: ['exports'],
  summary: 'The analysis as an Excel workbook, from now or a version',
  description:
    'Sheets Om (now or which version, date, counts), Krav, Artikler, Sporbarhet, Spørsmål, Innspill, Tiltak, Møter and, when a previous version exists, Endringer. Text is stored as text: no cell is a formula.',
  request: { query: VersionQuery },
  responses: { 200: binary(XLSX, 'The workbook'), 400: errors[400], 404: errors[404] },
});

const snapshot = createRoute({
  method: 'get',
  path: '/export/snapshot.json',
  tags: ['exports'],
  summary: 'Everything, as JSON that imports into an empty database to the same content',
  description:
    'Now: every table including the audit log and the frozen versions. With `version`: that version’s frozen content (no history). `schema_version` is the newest migration, `exported_at` the time of export; one table row per line.',
  request: { query: VersionQuery },
  responses: { 200: jsonResponse(SnapshotSchema, 'The snapshot'), 400: errors[400], 404: errors[404] },
});

const changesCsv = createRoute({
  method: 'get',
  path: '/export/changes.csv',
  tags: ['exports'],
  summary: '«Endringer siden …»: the change list from a version to another or to now, as CSV',
  request: { query: CompareQuery },
  responses: {
    200: { content: { 'text/csv': { schema: z.string() } }, description: `Columns: ${CHANGE_COLUMNS.join(',')}` },
    400: errors[400],
    404: errors[404],
  },
});

const ImportResultSchema = z
  .object({
    schema_version: z.string(),
    tables: z.record(z.string(), z.number().int()).openapi({ description: 'Rows imported per table' }),
    rows: z.number().int(),
  })
  .openapi('SnapshotImportResult');

const importSnapshot = createRoute({
  method: 'post',
  path: '/import/snapshot',
  tags: ['exports'],
  summary: 'Load a JSON snapshot into an empty database: all of it or nothing',
  description:
    'Refused with 409 when the database holds any analysis (any requirement, question, organisation…), so nothing is overwritten or mixed; 400 for a body that is not a snapshot, a table or column this schema lacks, or a broken constraint, and nothing is written. The imported audit log is kept, and one entry records the import.',
  request: {
    body: { content: { 'application/json': { schema: SnapshotSchema } }, required: true, description: 'A snapshot' },
  },
  responses: {
    201: jsonResponse(ImportResultSchema, 'What was imported'),
    400: errors[400],
    409: { ...errors[409], description: 'The database is not empty' },
    413: errors[413],
  },
});

/** `<base>-<version|today>.<ext>` */
const fileName = (base: string, ext: string, version?: string) =>
  `${base}-${version === undefined ? dateOslo() : fileNamePart(version)}.${ext}`;

const FILES: Record<ExportKind, { base: string; type: string }> = {
  docx: { base: 'ehds-konsekvensvurdering', type: DOCX },
  xlsx: { base: 'ehds-arbeidsbok', type: XLSX },
};

async function binaryExport(kind: ExportKind, db: Parameters<typeof snapshotOf>[0], version?: string) {
  const dbFile = databaseFile(db);
  let bytes: Buffer;
  if (dbFile) {
    // The worker reads the analysis itself, from its own connection: the main thread, which serves everyone
    // else, neither reads nor copies a snapshot of the whole analysis. An unknown version is a 404 here.
    if (version !== undefined) await getVersion(db, version);
    bytes = await renderExport({ kind, dbFile, version });
  } else {
    const [current, previous] = await Promise.all([snapshotOf(db, version), previousSnapshot(db, version)]);
    bytes = await renderExport({ kind, snapshot: current, previous });
  }
  const { base, type } = FILES[kind];
  return {
    // The file's own bytes, not a copy of them.
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>,
    headers: {
      'content-type': type,
      'content-disposition': attachment(fileName(base, kind, version)),
      'content-length': String(bytes.byteLength),
      'cache-control': 'no-store',
    },
  };
}

/** The snapshot's text as a byte stream, each piece read and serialised when the client is ready for it. */
function streamOf(snapshot: SnapshotInParts): ReadableStream<Uint8Array> {
  const pieces = serializeSnapshotInParts(snapshot);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await pieces.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

export const exportsRoutes = createRouter()
  .openapi(report, async (c) => {
    const { bytes, headers } = await binaryExport('docx', c.var.db, c.req.valid('query').version);
    return c.body(bytes, 200, headers);
  })
  .openapi(workbook, async (c) => {
    const { bytes, headers } = await binaryExport('xlsx', c.var.db, c.req.valid('query').version);
    return c.body(bytes, 200, headers);
  })
  .openapi(snapshot, async (c) => {
    const { version } = c.req.valid('query');
    // Sent as it is written, 64 KB at a time: now with its versions can outgrow memory and the longest string
    // there is; a version's content is read first, but never held as one text.
    const text = streamOf(
      version === undefined ? await readSnapshotInParts(c.var.db) : inParts(await snapshotOf(c.var.db, version)),
    );
    // Written as text, one row per line, rather than by c.json, so that two snapshots diff well; it is
    // the JSON the route documents, hence the cast.
    const res = c.body(text, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': attachment(fileName('ehds-snapshot', 'json', version)),
      'cache-control': 'no-store',
    });
    return res as unknown as TypedResponse<z.infer<typeof SnapshotSchema>, 200, 'json'>;
  })
  .openapi(changesCsv, async (c) => {
    const { from, to } = c.req.valid('query');
    const comparison = await compareNamed(c.var.db, from, to);
    const name = `ehds-endringer-${fileNamePart(from)}-${to === undefined ? dateOslo() : fileNamePart(to)}.csv`;
    return c.body(writeCsv(CHANGE_COLUMNS, changeRows(comparison)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(name),
      'cache-control': 'no-store',
    });
  })
  .openapi(importSnapshot, async (c) => {
    const result = await writeSnapshot(c.var.db, c.req.valid('json') as Snapshot, c.var.actor);
    return c.json(result, 201);
  });
