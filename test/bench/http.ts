/**
 * Drives the running server with autocannon (in-process API): one cell = one scenario at one number of
 * connections for a fixed time, against 127.0.0.1 only.
 */
import autocannon from 'autocannon';
import type { Fixture, Scenario } from './scenarios.ts';
import { random } from './text.ts';

export interface Cell {
  scenario: Scenario['key'];
  connections: number;
  p50: number;
  p99: number;
  /** Mean latency (ms, fractional: p50 and p99 are whole milliseconds). */
  mean: number;
  rps: number;
  requests: number;
  /** Answers other than 2xx (for the update: other than 2xx and 409). */
  errors: number;
  /** Update only: share of writes refused with 409 because another connection wrote first. */
  conflictShare?: number;
  statuses: Record<string, number>;
  /** The server's peak memory during the cell (MB), when measured. */
  peakMb?: number;
}

/**
 * Waits until the server answers its health check quickly again: autocannon stops sending at the end of a
 * cell, but the server may still be working through what 50 connections queued, which would land on the
 * next cell.
 */
export async function drain(url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const t = performance.now();
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
    if (performance.now() - t < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runCell(
  url: string,
  cookie: string,
  scenario: Scenario,
  fixture: Fixture,
  connections: number,
  seconds: number,
  /** Requests per second in all, when the cell should not go as fast as it can. */
  rate?: number,
): Promise<Cell> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`benchmark only on loopback, not ${url}`);
  await drain(url);
  const r = random(connections * 7919 + scenario.key.length);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    // As a browser sends them: the session cookie and the encodings it takes.
    headers: { cookie, 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    requests: [
      {
        setupRequest: (req, context) => {
          const next = scenario.request(r, fixture);
          (context as { ref?: string }).ref = next.ref;
          return { ...req, method: next.method, path: next.path, body: next.body };
        },
        onResponse: (status, body, context) => {
          const ref = (context as { ref?: string }).ref;
          if (!ref) return;
          // Keep the version this client knows current, from the answer or from the 409's `current`.
          try {
            const parsed = JSON.parse(body);
            const version = status === 200 ? parsed.version : parsed?.error?.current?.version;
            if (typeof version === 'number') fixture.versions.set(ref, version);
          } catch {
            // A body that is not JSON is counted as an error by its status.
          }
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const conflicts = statuses['409'] ?? 0;
  const ok = Object.entries(statuses)
    .filter(([code]) => code.startsWith('2'))
    .reduce((a, [, n]) => a + n, 0);
  const errors = total - ok - (scenario.read ? 0 : conflicts) + result.errors + result.timeouts;
  return {
    scenario: scenario.key,
    connections,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    rps: result.requests.average,
    requests: total,
    errors,
    conflictShare: scenario.read ? undefined : total ? conflicts / total : 0,
    statuses,
  };
}
