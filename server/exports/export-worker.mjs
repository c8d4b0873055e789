// The export worker thread: builds DOCX and XLSX files off the main thread, so that a report being
// built never holds up other users' requests. Plain JavaScript because Node starts it directly;
// the TypeScript builders are loaded through tsx, as in the main thread.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { buildExport, buildExportFromFile } = await import('./render.ts');

parentPort.on('message', async ({ id, job }) => {
  try {
    const built = job.dbFile ? await buildExportFromFile(job) : await buildExport(job);
    // A copy in its own ArrayBuffer: the builders' Buffers may share a pooled one, which must not be transferred.
    const bytes = new Uint8Array(built);
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
