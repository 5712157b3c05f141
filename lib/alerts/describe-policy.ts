import type { Unit } from "@/lib/dashboards/types";
import type { AlertPolicy } from "./types";

// Policies and their values in words, for the Alerts tab and the API's `condition`.

const seconds = (s: number) =>
  s % 86_400 === 0 && s >= 86_400
    ? `${s / 86_400} d`
    : s % 3600 === 0 && s >= 3600
      ? `${s / 3600} h`
      : s % 60 === 0 && s >= 60
        ? `${s / 60} min`
        : `${s} s`;

/** A value in the policy's unit: ratios as percentages, counts as numbers, ms and s as durations. */
export function formatAlertValue(value: number | null, unit: Unit): string {
  if (value === null) return "—";
  if (unit === "1" && value <= 1 && value > 0 && !Number.isInteger(value))
    return `${(value * 100).toFixed(value < 0.01 ? 2 : 1)} %`;
  if (unit === "ms") return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
  if (unit === "s") return seconds(Math.round(value));
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2);
}

export function describeCondition(policy: Pick<AlertPolicy, "condition" | "threshold" | "unit">): string {
  const c = policy.condition;
  const threshold = formatAlertValue(policy.threshold, policy.unit);
  if (c.type === "absent") return `no successful run for ${threshold}`;
  if (c.type === "burn-rate")
    return `burn rate above ${policy.threshold}× over ${seconds(c.longSeconds)} and ${seconds(c.shortSeconds)} (goal ${c.goal * 100} %)`;
  const over = c.rolling ? ` (${c.rolling.aggregate} over ${seconds(c.rolling.windowSeconds)})` : "";
  const lasting = c.durationSeconds > 0 ? ` for ${seconds(c.durationSeconds)}` : "";
  return `above ${threshold}${over}${lasting}`;
}
