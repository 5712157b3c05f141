// The results table: medians and p95s of both sides per scenario, their ratio, and the overall
// ratio against the goal.

import type { Measurement } from "./measure";
import { geometricMean, median, ms, p95, table } from "./stats";

/** API <= GOAL x raw. */
const GOAL = 2;

export function report(results: Measurement[]): void {
  const ratios = results.map((r) => median(r.api) / median(r.raw));
  console.log(
    table([
      [
        "scenario",
        "query",
        "total",
        "API median",
        "API p95",
        "raw median",
        "raw p95",
        "ratio",
        "SQL/API call",
      ],
      ...results.map((r, i) => [
        r.scenario.label,
        r.scenario.query || "(none)",
        String(r.total),
        ms(median(r.api)),
        ms(p95(r.api)),
        ms(median(r.raw)),
        ms(p95(r.raw)),
        `${ratios[i]!.toFixed(2)}x`,
        Number.isNaN(r.statements) ? "?" : String(r.statements),
      ]),
    ]),
  );
  const overall = geometricMean(ratios);
  console.log(
    `\noverall (geometric mean of the median ratios): ${overall.toFixed(2)}x — goal <= ${GOAL}x: ${overall <= GOAL ? "MET" : "NOT MET"}`,
  );
  const over = results.filter((_, i) => ratios[i]! > GOAL).map((r) => r.scenario.label);
  if (over.length) console.log(`scenarios above ${GOAL}x: ${over.join(", ")}`);
}
