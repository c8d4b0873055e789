/**
 * One export from snapshots: the report or the workbook of `snapshot`, with the change list since
 * `previous` when given. Runs in the export worker (export-worker.mjs) or, from the CLI, in-process.
 */
import type { Snapshot } from '../queries/snapshot.ts';
import { buildAnalysisView } from './analysis.ts';
import { compareViews } from './changes.ts';
import { buildReportDocx } from './report-docx.ts';
import { buildWorkbookXlsx } from './workbook-xlsx.ts';

export type ExportKind = 'docx' | 'xlsx';

export interface ExportJob {
  kind: ExportKind;
  snapshot: Snapshot;
  /** The previous version, for the change list. */
  previous?: Snapshot;
}

export async function buildExport(job: ExportJob): Promise<Uint8Array> {
  const view = buildAnalysisView(job.snapshot);
  const changes = job.previous ? compareViews(buildAnalysisView(job.previous), view) : undefined;
  return job.kind === 'docx' ? buildReportDocx(view, { changes }) : buildWorkbookXlsx(view, { changes });
}
