/**
 * `npm run bench`: generates the large dataset, times the queries in-process, starts the real server and
 * drives it over HTTP at 1, 10 and 50 connections, times the exports and the snapshot import, measures the
 * requirements list in Chromium, and prints one table of every figure against its target.
 *
 * BENCH_SCALE=0.1  a tenth of the rows (to iterate quickly); default 1
 * BENCH_SECONDS=5  seconds per HTTP cell; default 5
 * BENCH_DB=FILE    keep the generated database in FILE, and reuse it when it exists (skips generation)
 * BENCH_ONLY=…     comma-separated subset of direct,http,exports,browser,import
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../schema/db.ts';
import { measureRequirementsList } from './browser.ts';
import { type DirectTiming, timeDirect } from './direct.ts';
import { type ExportTiming, type ImportTiming, timeExport, timeImport } from './exports.ts';
import { BENCH_ADMIN, countsAt, generateDataset } from './generate.ts';
import { type Cell, runCell } from './http.ts';
import { type Figure, printCells, printFigures, printRatios } from './report.ts';
import { loadFixture, SCENARIOS } from './scenarios.ts';
import { memoryOf, resetPeak, signIn, startServer } from './server.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const only = new Set((process.env.BENCH_ONLY ?? 'direct,http,exports,browser,import').split(','));
if (!(scale > 0) || !(seconds > 0)) throw new Error('BENCH_SCALE and BENCH_SECONDS must be positive numbers');

const work = mkdtempSync(join(tmpdir(), 'ehds-bench-'));
const dbFile = process.env.BENCH_DB ?? join(work, 'bench.db');
const started = performance.now();
const WRITES_PER_SECOND = 10;
const section = (title: string) => console.log(`\n== ${title} ==`);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`${cpus().length} CPUs, load average ${load()} (other work on the machine slows every figure)`);
section(`Dataset (scale ${scale}: ${JSON.stringify(countsAt(scale))})`);
let generationSeconds: number | null = null;
if (process.env.BENCH_DB && existsSync(dbFile)) {
  console.log(`  reusing ${dbFile} (delete it to generate again)`);
} else {
  const g = await generateDataset(dbFile, scale, (line) => console.log(line));
  generationSeconds = g.seconds;
  console.log(
    `  generated in ${g.seconds.toFixed(0)} s, ${(g.bytes / 1e6).toFixed(0)} MB: ${JSON.stringify(g.counts)}`,
  );
}

const direct: DirectTiming[] = [];
if (only.has('direct')) {
  section('In-process (query functions on the same file)');
  const { db } = openDb(dbFile);
  const fixture = await loadFixture(db);
  for (const s of SCENARIOS) {
    const d = await timeDirect(db, s, fixture, Math.min(2, seconds / 2));
    direct.push(d);
    console.log(`  ${s.label}: p50 ${d.p50.toFixed(2)} ms, p99 ${d.p99.toFixed(2)} ms (${d.calls} calls)`);
  }
  await db.destroy();
}

const cells: Cell[] = [];
let mixed: Cell | undefined;
const exportsDone: ExportTiming[] = [];
let readsPeakMb: number | null = null;
let browser: Awaited<ReturnType<typeof measureRequirementsList>> | null = null;
let snapshotFile: string | undefined;
const server = await startServer(dbFile);
try {
  const cookie = await signIn(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
  resetPeak(server.pid);
  if (only.has('http')) {
    section(`HTTP (${server.url}, ${seconds} s per cell)`);
    const { db } = openDb(dbFile);
    const fixture = await loadFixture(db);
    await db.destroy();
    for (const s of SCENARIOS) {
      for (const connections of [1, 10, 50]) {
        resetPeak(server.pid);
        const cell = await runCell(server.url, cookie, s, fixture, connections, seconds);
        cell.peakMb = memoryOf(server.pid).peakMb;
        readsPeakMb = Math.max(readsPeakMb ?? 0, cell.peakMb);
        cells.push(cell);
        const conflicts = cell.conflictShare === undefined ? '' : `, 409: ${(cell.conflictShare * 100).toFixed(1)} %`;
        const errors = cell.errors ? `, ERRORS ${cell.errors} ${JSON.stringify(cell.statuses)}` : '';
        console.log(
          `  ${s.label} × ${connections}: p50 ${cell.p50} ms, p99 ${cell.p99} ms, ${cell.rps.toFixed(0)} req/s, server peak ${cell.peakMb.toFixed(0)} MB${conflicts}${errors}`,
        );
      }
    }
    // Reads while people write: every write makes the kept list pages, dashboard and matrix stale. Ten saves
    // a second is far more than a team saves, and each one empties the caches.
    const list = SCENARIOS.find((s) => s.key === 'list')!;
    const update = SCENARIOS.find((s) => s.key === 'update')!;
    [mixed] = await Promise.all([
      runCell(server.url, cookie, list, fixture, 10, seconds),
      runCell(server.url, cookie, update, fixture, 1, seconds, WRITES_PER_SECOND),
    ]);
    console.log(
      `  filtered list × 10 while ${WRITES_PER_SECOND} assessments a second are saved: p50 ${mixed.p50} ms, p99 ${mixed.p99} ms, ${mixed.rps.toFixed(0)} req/s`,
    );
    readsPeakMb = Math.max(readsPeakMb ?? 0, memoryOf(server.pid).peakMb);
    console.log(`  server peak memory during the HTTP runs: ${readsPeakMb.toFixed(0)} MB`);
  }

  if (only.has('browser')) {
    section('Browser (/krav in Chromium)');
    browser = await measureRequirementsList(server.url, cookie);
    if (typeof browser === 'string') console.log(`  skipped: ${browser}`);
    else {
      console.log(
        `  ${browser.rowsShown} rows: first screen ${browser.firstScreenMs.toFixed(0)} ms after the data, ${browser.loadToRowsMs.toFixed(0)} ms after navigation`,
      );
      console.log(
        `  next page: ${browser.nextPageMs.toFixed(0)} ms after the click (${browser.nextPageRenderMs.toFixed(0)} ms after its data)`,
      );
      console.log(
        `  scrolling: longest frame ${browser.scrollMaxFrameMs.toFixed(0)} ms, ${browser.scrollLongFrames} frames over 50 ms`,
      );
      for (const c of browser.apiCalls) console.log(`    ${c.ms.toFixed(0).padStart(5)} ms  ${c.path}`);
    }
  }
} finally {
  await server.stop();
}

if (only.has('exports') || only.has('import')) {
  // Each export on a server of its own, started for it: memory a process has once used is seldom given
  // back, so after one large export the next one's peak could not be told apart from it.
  section('Exports (each on a freshly started server)');
  snapshotFile = join(work, 'snapshot.json');
  const runs: [string, string, string?][] = [
    ['DOCX report', '/api/export/report.docx'],
    ['XLSX workbook', '/api/export/workbook.xlsx'],
    ['JSON snapshot (with history)', '/api/export/snapshot.json', snapshotFile],
  ];
  for (const [what, path, file] of runs) {
    if (!only.has('exports') && !file) continue;
    const fresh = await startServer(dbFile);
    try {
      const cookie = await signIn(fresh.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const e = await timeExport(fresh.url, cookie, fresh.pid, what, path, file);
      // The first export also starts the export worker and loads its code; the same export again shows what
      // everyone after the first waits.
      if (!file && !e.error) {
        const again = await timeExport(fresh.url, cookie, fresh.pid, what, path);
        e.againSeconds = again.seconds;
        e.peakMb = Math.max(e.peakMb, again.peakMb);
      }
      exportsDone.push(e);
      const size = `${(e.bytes / 1e6).toFixed(1)} MB`;
      const again = e.againSeconds === undefined ? '' : ` (again: ${e.againSeconds.toFixed(1)} s)`;
      console.log(
        `  ${what}: ${e.seconds.toFixed(1)} s${again}, ${size}, server peak ${e.peakMb.toFixed(0)} MB${e.error ? `, FAILED ${e.status}: ${e.error}` : ''}`,
      );
    } finally {
      await fresh.stop();
    }
  }
}

let imported: ImportTiming | null = null;
const snapshotExport = exportsDone.find((e) => e.what.startsWith('JSON'));
if (only.has('import') && snapshotFile && snapshotExport && !snapshotExport.error) {
  section('Snapshot import (CLI import-snapshot into an empty database)');
  imported = await timeImport(snapshotFile, join(work, 'imported.db'));
  console.log(
    `  ${imported.ok ? 'imported' : 'FAILED'} in ${imported.seconds.toFixed(1)} s, peak ${imported.peakMb.toFixed(0)} MB: ${imported.output}`,
  );
}

section('Every HTTP cell');
printCells(cells);
section('HTTP / in-process');
printRatios(cells, direct);

const at10 = (key: string) => cells.find((c) => c.scenario === key && c.connections === 10) ?? null;
const exportSeconds = (prefix: string) => {
  const e = exportsDone.find((x) => x.what.startsWith(prefix));
  return e && !e.error ? e.seconds : null;
};
const againNote = (prefix: string) => {
  const again = exportsDone.find((x) => x.what.startsWith(prefix))?.againSeconds;
  return again === undefined ? undefined : `again: ${again.toFixed(1)} s`;
};
const figures: Figure[] = [
  ...SCENARIOS.filter((s) => s.read).map(
    (s): Figure => ({
      what: `p99 ${s.label}, 10 conn`,
      value: at10(s.key)?.p99 ?? null,
      unit: 'ms',
      target: { op: '≤', limit: 50 },
    }),
  ),
  { what: 'filtered list, 10 conn', value: at10('list')?.rps ?? null, unit: 'req/s', target: { op: '≥', limit: 1000 } },
  {
    what: `p99 filtered list, 10 conn + ${WRITES_PER_SECOND} saves/s`,
    value: mixed?.p99 ?? null,
    unit: 'ms',
    note: mixed ? `${mixed.rps.toFixed(0)} req/s` : undefined,
  },
  {
    what: 'p99 assessment update, 10 conn',
    value: at10('update')?.p99 ?? null,
    unit: 'ms',
    note: at10('update') ? `409: ${((at10('update')!.conflictShare ?? 0) * 100).toFixed(1)} %` : undefined,
  },
  {
    what: 'DOCX export (first after start)',
    value: exportSeconds('DOCX'),
    unit: 's',
    target: { op: '≤', limit: 10 },
    note: againNote('DOCX'),
  },
  {
    what: 'XLSX export (first after start)',
    value: exportSeconds('XLSX'),
    unit: 's',
    target: { op: '≤', limit: 5 },
    note: againNote('XLSX'),
  },
  {
    what: 'snapshot export',
    value: exportSeconds('JSON'),
    unit: 's',
    note: snapshotExport ? `${(snapshotExport.bytes / 1e6).toFixed(0)} MB` : undefined,
  },
  { what: 'snapshot import (CLI)', value: imported?.ok ? imported.seconds : null, unit: 's' },
  {
    what: 'server peak memory, API load (VmHWM)',
    value: readsPeakMb,
    unit: 'MB',
    target: { op: '≤', limit: 300 },
  },
  ...exportsDone.map(
    (e): Figure => ({
      what: `server peak memory, ${e.what.split(' ')[0]} export`,
      value: e.peakMb,
      unit: 'MB',
      target: { op: '≤', limit: 300 },
    }),
  ),
  {
    what: 'list first screen after data',
    value: browser && typeof browser !== 'string' ? browser.firstScreenMs : null,
    unit: 'ms',
    target: { op: '≤', limit: 300 },
  },
  {
    what: 'list next page after data',
    value: browser && typeof browser !== 'string' ? browser.nextPageRenderMs : null,
    unit: 'ms',
    target: { op: '≤', limit: 300 },
  },
  {
    what: 'list scrolling, frames > 50 ms',
    value: browser && typeof browser !== 'string' ? browser.scrollLongFrames : null,
    unit: '',
    target: { op: '≤', limit: 0 },
  },
  { what: 'dataset generation', value: generationSeconds, unit: 's' },
];
section(
  `Figures against targets (scale ${scale}, ${((performance.now() - started) / 60000).toFixed(1)} min in all, load average now ${load()})`,
);
printFigures(figures);

const resultFile = join(tmpdir(), `ehds-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  resultFile,
  JSON.stringify({ scale, seconds, cells, mixed, direct, exports: exportsDone, imported, browser, figures }, null, 2),
);
console.log(`\nRaw figures: ${resultFile}`);
rmSync(work, { recursive: true, force: true });

// A figure over its target is a finding, not a failure; a request that failed or an export that could not be
// built means the benchmark did not measure what it says, and the run fails (CI runs it small to check that).
const failures = [
  ...cells.filter((c) => c.errors > 0).map((c) => `${c.scenario} × ${c.connections}: ${c.errors} failed requests`),
  ...(mixed && mixed.errors > 0 ? [`list while saving: ${mixed.errors} failed requests`] : []),
  ...exportsDone.filter((e) => e.error).map((e) => `${e.what}: ${e.status} ${e.error}`),
  ...(imported && !imported.ok ? [`snapshot import: ${imported.output}`] : []),
];
if (failures.length) {
  console.error(`\nThe benchmark could not measure everything:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
