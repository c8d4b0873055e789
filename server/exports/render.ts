/**
 * One export: the report or the workbook of a snapshot (or of the database's analysis now or at a version),
 * with the change list since the version before it. Runs in the export worker (export-worker.mjs) or, from
 * the CLI, in-process.
 */
import { type Db, openDb } from '../../schema/db.ts';
import type { Snapshot } from '../queries/snapshot.ts';
import { type AnalysisView, buildAnalysisView } from './analysis.ts';
import { type Comparison, compareViews } from './changes.ts';
import { viewWithChanges } from './sources.ts';
import { buildWorkbookXlsx } from './workbook-xlsx.ts';

export type ExportKind = 'docx' | 'xlsx';

export interface ExportJob {
  kind: ExportKind;
  snapshot: Snapshot;
  /** The previous version, for the change list. */
  previous?: Snapshot;
}

/** An export of an analysis already read. */
export interface ViewExportJob {
  kind: ExportKind;
  view: AnalysisView;
  changes?: Comparison;
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
 * The report's builder, loaded on first use: its libraries and fonts take tens of megabytes that a worker
 * building only workbooks never needs.
 */
const buildReportDocx = async (
  ...args: Parameters<typeof import('./report-docx.ts').buildReportDocx>
): ReturnType<typeof import('./report-docx.ts').buildReportDocx> =>
  (await import('./report-docx.ts')).buildReportDocx(...args);

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
  return buildExportOf(db, job.kind, job.version);
}

/** The export of the analysis in `db`, now or at `version`, read as viewWithChanges reads it. */
export async function buildExportOf(db: Db, kind: ExportKind, version?: string): Promise<Uint8Array> {
  return buildExport({ kind, ...(await viewWithChanges(db, version)) });
}

export async function buildExport(job: ExportJob | ViewExportJob): Promise<Uint8Array> {
  const { view, changes } = 'view' in job ? job : viewsOf(job);
  return job.kind === 'docx' ? buildReportDocx(view, { changes }) : buildWorkbookXlsx(view, { changes });
}

function viewsOf({ snapshot, previous }: ExportJob): { view: AnalysisView; changes?: Comparison } {
  const view = buildAnalysisView(snapshot);
  return { view, changes: previous ? compareViews(buildAnalysisView(previous), view) : undefined };
}
