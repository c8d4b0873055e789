/** Printing: the per-cell table, the HTTP/in-process ratios, and the one table of figures against targets. */
import type { DirectTiming } from './direct.ts';
import type { Cell } from './http.ts';
import { SCENARIOS } from './scenarios.ts';

export interface Figure {
  what: string;
  value: number | null;
  unit: string;
  /** `≤ 50` or `≥ 1000`; absent when the figure has no target. */
  target?: { op: '≤' | '≥'; limit: number };
  note?: string;
}

const fmt = (v: number | null, unit: string) =>
  v === null || Number.isNaN(v)
    ? 'n/a'
    : `${Number.isInteger(v) || v >= 100 ? Math.round(v) : v.toFixed(v >= 10 ? 1 : 2)} ${unit}`.trim();

/** autocannon counts latency in whole milliseconds: 0 means under one. */
const ms = (v: number) => (v === 0 ? '<1 ms' : fmt(v, 'ms'));

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const label = (key: string) => SCENARIOS.find((s) => s.key === key)?.label ?? key;

export function printCells(cells: Cell[]) {
  table(
    ['scenario', 'conn', 'p50', 'p99', 'req/s', 'answers', 'errors', '409 share'],
    cells.map((c) => [
      label(c.scenario),
      String(c.connections),
      ms(c.p50),
      ms(c.p99),
      fmt(c.rps, ''),
      String(c.requests),
      String(c.errors),
      c.conflictShare === undefined ? '' : `${(c.conflictShare * 100).toFixed(1)} %`,
    ]),
  );
}

/**
 * Mean latency over HTTP at one connection over the mean in-process call: what HTTP, the session, validation and
 * JSON add to the query. Below 1 where the route answers from a kept answer (change-cache.ts) and the
 * in-process figure is the query computed afresh.
 */
export function printRatios(cells: Cell[], direct: DirectTiming[]) {
  table(
    ['scenario', 'in-process mean', 'HTTP mean (1 conn)', 'HTTP / in-process'],
    direct.map((d) => {
      const http = cells.find((c) => c.scenario === d.scenario && c.connections === 1);
      return [
        label(d.scenario),
        fmt(d.mean, 'ms'),
        http ? fmt(http.mean, 'ms') : 'n/a',
        http && d.mean > 0 ? `${(http.mean / d.mean).toFixed(2)}×` : 'n/a',
      ];
    }),
  );
}

export function printFigures(figures: Figure[]) {
  table(
    ['figure', 'value', 'target', ''],
    figures.map((f) => {
      const met =
        f.value === null || !f.target
          ? ''
          : f.target.op === '≤'
            ? f.value <= f.target.limit
            : f.value >= f.target.limit;
      return [
        f.what,
        fmt(f.value, f.unit) + (f.note ? ` (${f.note})` : ''),
        f.target ? `${f.target.op} ${f.target.limit} ${f.unit}`.trim() : '—',
        met === '' ? (f.target && f.value === null ? '✗' : '') : met ? '✓' : '✗',
      ];
    }),
  );
}
