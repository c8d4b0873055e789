/**
 * The exports of the full dataset over HTTP (DOCX report, XLSX workbook, JSON snapshot with history),
 * each with the server's peak memory while it ran, and the snapshot's import into an empty database.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { memoryOf, resetPeak } from './server.ts';

export interface ExportTiming {
  what: string;
  seconds: number;
  bytes: number;
  peakMb: number;
  status: number;
  error?: string;
  /** The same export once more on the same server, its worker started (DOCX and XLSX). */
  againSeconds?: number;
}

/** GETs `path`, writing the body to `file` (or counting it), and times it until the last byte. */
export async function timeExport(
  url: string,
  cookie: string,
  pid: number,
  what: string,
  path: string,
  file?: string,
): Promise<ExportTiming> {
  resetPeak(pid);
  const t = performance.now();
  const res = await fetch(`${url}${path}`, { headers: { cookie } });
  let bytes = 0;
  let error: string | undefined;
  if (!res.ok || !res.body) {
    error = (await res.text()).slice(0, 300);
  } else if (file) {
    await pipeline(Readable.fromWeb(res.body as ReadableStream), createWriteStream(file));
    bytes = statSync(file).size;
  } else {
    for await (const chunk of res.body) bytes += (chunk as Uint8Array).byteLength;
  }
  const seconds = (performance.now() - t) / 1000;
  return { what, seconds, bytes, peakMb: memoryOf(pid).peakMb, status: res.status, error };
}

export interface ImportTiming {
  seconds: number;
  peakMb: number;
  ok: boolean;
  output: string;
}

/**
 * Imports a snapshot file into a new, empty database with the CLI (`import-snapshot`): the route takes at
 * most 20 MB, and a snapshot with its history is larger. Samples the process's peak memory until it ends.
 */
export async function timeImport(snapshotFile: string, dbFile: string): Promise<ImportTiming> {
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import-snapshot', snapshotFile], {
    env: { ...process.env, EHDS_DB: dbFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let peakMb = 0;
  const sampler = setInterval(() => {
    try {
      peakMb = Math.max(peakMb, memoryOf(child.pid!).peakMb);
    } catch {
      // Gone between two samples.
    }
  }, 50);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(sampler);
  return { seconds: (performance.now() - t) / 1000, peakMb, ok: code === 0, output: output.trim().slice(-400) };
}
