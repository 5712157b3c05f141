import type { Unit } from "./types";

// How a tile's values read: one formatter per kind of quantity, chosen from the tile's unit.

/** What a number on a tile means, which decides how it is written. */
export type MetricFormat =
  | { kind: "rate"; noun: string }
  | { kind: "percent"; fromRatio: boolean }
  | { kind: "count" }
  | { kind: "ms" }
  | { kind: "seconds" }
  | { kind: "bytes" };

/** Rate nouns for the dataset labels the shared layout uses ("requests/s" → "req/s"). */
const rateNouns: Record<string, string> = { "requests/s": "req", "pushes/s": "pushes" };

/** The format of a tile: `"1"` is a percentage on ratio and utilisation tiles, a count elsewhere. */
export function metricFormat(tile: {
  unit: Unit;
  combine?: string;
  title?: string;
  datasets?: { label: string }[];
}): MetricFormat {
  switch (tile.unit) {
    case "1/s": {
      const label = tile.datasets?.[0]?.label ?? "";
      return { kind: "rate", noun: rateNouns[label] ?? (label.endsWith("/s") ? label.slice(0, -2) : "req") };
    }
    case "1":
      return tile.combine === "ratio" || /ratio|utili[sz]ation/i.test(tile.title ?? "")
        ? { kind: "percent", fromRatio: true }
        : { kind: "count" };
    case "%":
      return { kind: "percent", fromRatio: false };
    case "ms":
      return { kind: "ms" };
    case "s":
      return { kind: "seconds" };
    case "By":
      return { kind: "bytes" };
  }
}

/** At most `digits` significant decimals, no trailing zeros: 12.3, 0.05, 120. */
function decimal(value: number, digits = 3): string {
  const abs = Math.abs(value);
  if (abs === 0) return "0";
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  const decimals = Math.max(0, Math.min(4, digits - 1 - Math.floor(Math.log10(abs))));
  return String(Number(value.toFixed(decimals)));
}

/** 950, 1.2k, 34k, 1.5M. */
function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${decimal(value / 1e9)}G`;
  if (abs >= 1e6) return `${decimal(value / 1e6)}M`;
  if (abs >= 1e4) return `${decimal(value / 1e3)}k`;
  return decimal(value);
}

/** "850 ms", "1.2 s", "3 min 20 s". */
export function formatMilliseconds(ms: number): string {
  if (Math.abs(ms) < 1000) return `${decimal(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${decimal(ms / 1000, Math.abs(ms) < 10_000 ? 2 : 3)} s`;
  return formatSeconds(ms / 1000);
}

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatSeconds(seconds: number): string {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? "-" : "";
  if (s < 60) return `${sign}${decimal(s)} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    `${sign}${big} ${bigUnit}${small ? ` ${small} ${smallUnit}` : ""}`;
  if (s < 3600) return pair(Math.floor(s / 60), "min", Math.round(s % 60), "s");
  if (s < 86_400) return pair(Math.floor(s / 3600), "h", Math.round((s % 3600) / 60), "min");
  return pair(Math.floor(s / 86_400), "d", Math.round((s % 86_400) / 3600), "h");
}

/** "512 B", "12.3 kB", "4.5 MB" (SI, as Cloud Monitoring shows bytes). */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${decimal(value)} ${units[i]}`;
}

/** A percentage with sensible precision: "8.1%", "0.42%", "0%". */
export function formatPercent(percent: number): string {
  return `${decimal(percent, Math.abs(percent) < 1 ? 2 : 3)}%`;
}

/**
 * One value as a person reads it: "12.3 req/s", "8.1%", "123 ms", "1.2 s", "3 min 20 s", "4.5 MB".
 * `short` drops the rate noun (for axis labels: "12/s"). Null is "no data".
 */
export function formatMetric(value: number | null, format: MetricFormat, short = false): string {
  if (value === null || !Number.isFinite(value)) return "no data";
  switch (format.kind) {
    case "rate":
      return short ? `${compact(value)}/s` : `${compact(value)} ${format.noun}/s`;
    case "percent":
      return formatPercent(format.fromRatio ? value * 100 : value);
    case "count":
      return compact(value);
    case "ms":
      return formatMilliseconds(value);
    case "seconds":
      return formatSeconds(value);
    case "bytes":
      return formatBytes(value);
  }
}

/** Candidate tick steps for a format: durations step in clock units, the rest in 1-2-5 decades. */
export function tickStepsFor(format: MetricFormat): number[] | undefined {
  if (format.kind !== "seconds") return undefined;
  return [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];
}
