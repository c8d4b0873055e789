/**
 * The floor: each scenario's query function called in-process on the same database file, one call after
 * another, with no HTTP, validation or JSON in between.
 */
import type { Db } from '../../schema/db.ts';
import type { Fixture, Scenario } from './scenarios.ts';
import { random } from './text.ts';

export interface DirectTiming {
  scenario: Scenario['key'];
  p50: number;
  p99: number;
  mean: number;
  calls: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Calls the scenario for about `seconds` (at least 5 calls, at most 2,000) after two warm-up calls. */
export async function timeDirect(db: Db, scenario: Scenario, fixture: Fixture, seconds: number): Promise<DirectTiming> {
  const r = random(4242 + scenario.key.length);
  for (let i = 0; i < 2; i++) await scenario.direct(db, r, fixture);
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while ((times.length < 5 || performance.now() < end) && times.length < 2000) {
    const t = performance.now();
    await scenario.direct(db, r, fixture);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    scenario: scenario.key,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean,
    calls: times.length,
  };
}
