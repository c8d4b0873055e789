/**
 * One export from snapshots: the report or the workbook of `snapshot`, with the change list since
 * `previous` when given. Runs in the export worker (export-worker.mjs) or, from the CLI, in-process.
 */
import { type Db, openDb } from '../../schema/db.ts';
import type { Snapshot } from '../queries/snapshot.ts';
import { buildAnalysisView } from './analysis.ts';
import { compareViews } from './changes.ts';
import { buildReportDocx } from './report-docx.ts';
import { previousSnapshot, snapshotOf } from './sources.ts';
import { buildWorkbookXlsx } from './workbook-xlsx.ts';

export type ExportKind = 'docx' | 'xlsx';

export interface ExportJob {
  kind: ExportKind;
  snapshot: Snapshot;
  /** The previous version, for the change list. */
  previous?: Snapshot;
}

/** An export read from the database file by whoever builds it (the export worker, with its own connection). */
export interface FileExportJob {
  kind: ExportKind;
  dbFile: string;
  /** A frozen version; left out: now. */
  version?: string;
}

const opened = new Map<string, Db>();

/**
 * Reads the analysis (and the version before it) from the file and builds the export: in the worker, so that
 * the main thread neither reads a whole snapshot nor copies it across to the worker.
 */
export async function buildExportFromFile(job: FileExportJob): Promise<Uint8Array> {
  let db = opened.get(job.dbFile);
  if (!db) {
    db = openDb(job.dbFile).db;
    opened.set(job.dbFile, db);
  }
  const [snapshot, previous] = await Promise.all([snapshotOf(db, job.version), previousSnapshot(db, job.version)]);
  return buildExport({ kind: job.kind, snapshot, previous });
}

export async function buildExport(job: ExportJob): Promise<Uint8Array> {
  const view = buildAnalysisView(job.snapshot);
  const changes = job.previous ? compareViews(buildAnalysisView(job.previous), view) : undefined;
  return job.kind === 'docx' ? buildReportDocx(view, { changes }) : buildWorkbookXlsx(view, { changes });
}
