import type { AlertPolicy, AlertValueFormat } from "./types";

// Policies and their values in words, for the Alerts tab and the API's `condition`.

const seconds = (s: number) =>
  s % 86_400 === 0 && s >= 86_400
    ? `${s / 86_400} d`
    : s % 3600 === 0 && s >= 3600
      ? `${s / 3600} h`
      : s % 60 === 0 && s >= 60
        ? `${s / 60} min`
        : `${s} s`;

const trimmed = (value: number) => String(Number(value.toFixed(2)));

/** A value as its policy reads: shares as percentages, burn rates as factors, ms and s as durations. */
export function formatAlertValue(value: number | null, format: AlertValueFormat): string {
  if (value === null) return "—";
  switch (format) {
    case "ratio":
      return `${(value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 1)} %`;
    case "factor":
      return `${trimmed(value)}×`;
    case "ms":
      return value >= 1000 ? `${trimmed(value / 1000)} s` : `${Math.round(value)} ms`;
    case "seconds":
      return seconds(Math.round(value));
    case "count":
      return Number.isInteger(value) ? value.toLocaleString("en-US") : trimmed(value);
  }
}

export function describeCondition(policy: Pick<AlertPolicy, "condition" | "threshold" | "format">): string {
  const c = policy.condition;
  const threshold = formatAlertValue(policy.threshold, policy.format);
  if (c.type === "absent") return `no successful run for ${threshold}`;
  if (c.type === "burn-rate")
    return `burn rate above ${threshold} over ${seconds(c.longSeconds)} and ${seconds(c.shortSeconds)} (goal ${c.goal * 100} %)`;
  const over = c.rolling ? ` (${c.rolling.aggregate} over ${seconds(c.rolling.windowSeconds)})` : "";
  const lasting = c.durationSeconds > 0 ? ` for ${seconds(c.durationSeconds)}` : "";
  return `above ${threshold}${over}${lasting}`;
}
