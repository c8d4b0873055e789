/**
 * Runs exports in one long-lived worker thread (started on first use, queued one at a time), so that
 * building a 40-page report (1–3 s of CPU) never blocks the event loop that serves everyone else. The
 * worker does not keep the process alive while idle. EHDS_EXPORT_INLINE=1 builds in-process instead.
 */
import { Worker } from 'node:worker_threads';
import { ApiError } from '../lib/errors.ts';
import type { ExportJob, FileExportJob } from './render.ts';

interface Pending {
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

/**
 * The export worker's heap (MB). The benchmark's analysis (6,000 requirements, 60,000 inputs, 20 versions)
 * needs about 250 MB for its report or workbook; an export too large for this fails alone with 503.
 */
export const EXPORT_HEAP_MB = 1024;
const EXPORT_YOUNG_MB = 16;

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function startWorker(): Worker {
  // A heap limit of its own: an export too large for it fails alone (ERR_WORKER_OUT_OF_MEMORY) instead of
  // taking the whole server down, as running out of memory in a worker thread otherwise does.
  const w = new Worker(new URL('./export-worker.mjs', import.meta.url), {
    // A young generation of a third of V8's default (48 MB): an export makes short-lived objects by the million
    // (rows, cells, pieces of XML), collected a little more often this way; the worker's peak is tens of megabytes
    // lower and the time the same (measured on the benchmark's workbook and report).
    resourceLimits: { maxOldGenerationSizeMb: EXPORT_HEAP_MB, maxYoungGenerationSizeMb: EXPORT_YOUNG_MB },
  });
  w.on('message', (msg: { id: number; bytes?: Uint8Array; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (pending.size === 0) w.unref();
    if (msg.bytes) p.resolve(Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength));
    else p.reject(new Error(`Export failed: ${msg.error ?? 'unknown error'}`));
  });
  w.on('error', (err) => {
    worker = undefined;
    const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    failAll(
      outOfMemory
        ? new ApiError(503, `The export needs more memory than the ${EXPORT_HEAP_MB} MB the export worker may use`)
        : err,
    );
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    failAll(new Error(`The export worker stopped (exit code ${code})`));
  });
  return w;
}

/** The file an export job gives, built in the worker thread. */
export async function renderExport(job: ExportJob | FileExportJob): Promise<Buffer> {
  if (process.env.EHDS_EXPORT_INLINE === '1') {
    const { buildExport, buildExportFromFile } = await import('./render.ts');
    return Buffer.from('dbFile' in job ? await buildExportFromFile(job) : await buildExport(job));
  }
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, job });
  });
}

/** Stops the worker (tests, shutdown); the next export starts a new one. */
export async function stopExportWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
