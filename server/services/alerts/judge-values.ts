import "server-only";
import type { AlertPolicy, AlertStateName } from "@/lib/alerts/types";

// The state of a policy in one region from its values (compute-policy-values.ts): no data when the
// newest step has no value; firing when every step of the duration (at least the newest) is above
// the threshold; ok otherwise. `since` is the step at which the current state began, as far back as
// the values reach.

export interface Judgement {
  state: AlertStateName;
  /** The newest value, or null. */
  value: number | null;
  /** Epoch ms of the step the current state began at. */
  since: number;
  /** The state held over all the values: it began at `since` or earlier. */
  sinceAtLeast: boolean;
  /** The largest value while firing (the current run), or null when not firing. */
  peak: number | null;
}

/** Steps a condition must hold for: its duration in steps, at least one. */
export function durationSteps(policy: AlertPolicy): number {
  const c = policy.condition;
  const seconds = c.type === "threshold" ? c.durationSeconds : 0;
  return Math.max(1, Math.round(seconds / policy.stepSeconds));
}

function stateAt(
  values: readonly (number | null)[],
  i: number,
  threshold: number,
  steps: number,
): AlertStateName {
  const value = values[i];
  if (value === null || value === undefined) return "no_data";
  if (i + 1 < steps) return "ok";
  for (let j = i - steps + 1; j <= i; j++) {
    const v = values[j];
    if (v === null || v === undefined || !(v > threshold)) return "ok";
  }
  return "firing";
}

export function judgeValues(
  values: readonly (number | null)[],
  times: readonly number[],
  threshold: number,
  steps: number,
): Judgement {
  const last = values.length - 1;
  if (last < 0)
    return { state: "no_data", value: null, since: times[0] ?? 0, sinceAtLeast: true, peak: null };
  const state = stateAt(values, last, threshold, steps);
  let first = last;
  while (first > 0 && stateAt(values, first - 1, threshold, steps) === state) first--;
  let peak: number | null = null;
  if (state === "firing")
    // The run of high values began `steps - 1` steps before the condition held.
    for (let j = Math.max(0, first - steps + 1); j <= last; j++)
      peak = Math.max(peak ?? -Infinity, values[j]!);
  return { state, value: values[last] ?? null, since: times[first]!, sinceAtLeast: first === 0, peak };
}
