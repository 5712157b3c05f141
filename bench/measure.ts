// The timed runs: warm up (every scenario first, so the first one measured is not the JIT's), then
// per scenario alternate the sides (swapping which goes first every iteration).

import { performance } from "node:perf_hooks";
import type { Scenario } from "./scenarios";
import { ITERATIONS, WARMUP } from "./settings";
import type { Sides } from "./sides";

/** Warm-up calls per scenario and side just before it is timed, after the rounds over all of them. */
const SETTLE = Math.min(2, WARMUP);

export interface Measurement {
  scenario: Scenario;
  total: number;
  api: number[];
  raw: number[];
  /** Statements one API call sends to the driver (NaN when the driver was not reachable). */
  statements: number;
}

export const describeMeasurement = () =>
  `${WARMUP} warm-up rounds over all scenarios, then per scenario ${SETTLE} more and ${ITERATIONS} timed iterations, API and raw alternating`;

/** Milliseconds `fn` takes. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function measure(scenarios: Scenario[], { api, raw, driver }: Sides): Promise<Measurement[]> {
  for (let i = 0; i < WARMUP; i++)
    for (const s of scenarios) {
      await api(s.query);
      await raw(s.sql);
    }
  const results: Measurement[] = [];
  for (const s of scenarios) {
    for (let i = 0; i < SETTLE; i++) {
      await api(s.query);
      await raw(s.sql);
    }
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const sides = [
        async () => apiTimes.push(await time(() => api(s.query))),
        async () => rawTimes.push(await time(() => raw(s.sql))),
      ];
      if (i % 2) sides.reverse();
      for (const side of sides) await side();
    }
    // One more call with the driver tapped, to count the statements it sends.
    driver?.tap.start();
    const { total } = await api(s.query);
    const statements = driver ? driver.tap.stop().length : NaN;
    results.push({ scenario: s, total, api: apiTimes, raw: rawTimes, statements });
  }
  return results;
}
