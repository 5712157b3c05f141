import "server-only";
import type { AlertPolicy, AlertSignal, Rolling } from "@/lib/alerts/types";
import { ALL_REGIONS } from "@/lib/dashboards/dashboard-response";
import type { RawSeries } from "@/server/integrations/metrics/metrics-source";
import { ALERT_HISTORY_SECONDS, type AlertReadPlan } from "./plan-alert-reads";

// The arithmetic of a policy: its reads onto one step grid, reduced to the policy's value per step,
// per region and for all regions together. A value is null where there is nothing to judge (no
// series, no traffic to divide by). The caller judges the values (judge-values.ts).

type Values = (number | null)[];

export interface PolicyValues {
  /** Step ends of the history, oldest first. */
  times: number[];
  /** Per region (the service's regions, then any others the data names) and ALL_REGIONS. */
  regions: Map<string, Values>;
  /** Set when a read failed: every region is then without data. */
  error?: string;
}

export type ReadResults = ReadonlyMap<string, RawSeries[] | Error>;

const sum = (values: readonly (number | null | undefined)[]) => {
  let total: number | null = null;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v)) total = (total ?? 0) + v;
  return total;
};
const max = (values: readonly (number | null | undefined)[]) => {
  let top: number | null = null;
  for (const v of values)
    if (v !== null && v !== undefined && Number.isFinite(v)) top = Math.max(top ?? v, v);
  return top;
};
const ratio = (n: number | null | undefined, d: number | null | undefined) =>
  d === null || d === undefined || d === 0 ? null : (n ?? 0) / d;

/** Series per region on the grid; several series of one region merge by `merge`. */
function byRegion(series: RawSeries[], startMs: number, stepMs: number, length: number, merge: typeof sum) {
  const out = new Map<string, Values>();
  for (const s of series) {
    const values = out.get(s.region) ?? Array<number | null>(length).fill(null);
    for (const [t, v] of s.points) {
      const i = Math.round((t - startMs) / stepMs) - 1;
      if (i >= 0 && i < length && v !== null && Number.isFinite(v)) values[i] = merge([values[i], v]);
    }
    out.set(s.region, values);
  }
  return out;
}

function rolled(values: Values, rolling: Rolling | undefined, stepSeconds: number): Values {
  if (!rolling || rolling.windowSeconds <= stepSeconds) return values;
  const width = Math.round(rolling.windowSeconds / stepSeconds);
  return values.map((_, i) => {
    const slice = values.slice(Math.max(0, i - width + 1), i + 1);
    if (rolling.aggregate === "max") return max(slice);
    const total = sum(slice);
    if (total === null || rolling.aggregate === "sum") return total;
    return total / slice.filter((v) => v !== null).length;
  });
}

export function computePolicyValues(
  policy: AlertPolicy,
  plan: AlertReadPlan,
  results: ReadResults,
  serviceRegions: readonly string[],
): PolicyValues {
  const step = policy.stepSeconds;
  const stepMs = step * 1000;
  const end = plan.endMs(step);
  const c = policy.condition;
  const needSteps = Math.ceil(
    (c.type === "burn-rate"
      ? c.longSeconds
      : c.type === "absent"
        ? policy.lookbackSeconds
        : c.durationSeconds + (c.rolling?.windowSeconds ?? 0)) / step,
  );
  const historySteps = Math.ceil(ALERT_HISTORY_SECONDS / step);
  const length = needSteps + historySteps;
  const start = end - length * stepMs;
  const times = Array.from({ length: historySteps }, (_, i) => end - (historySteps - 1 - i) * stepMs);

  const read = (query: Parameters<AlertReadPlan["keyOf"]>[0], merge: typeof sum) => {
    const result = results.get(plan.keyOf(query, step));
    if (result === undefined) return new Error(`no read planned for ${query.metricType}`);
    return result instanceof Error ? result : byRegion(result, start, stepMs, length, merge);
  };

  const full = new Map<string, Values>();
  let error: Error | undefined;
  const regionsOf = (...maps: Map<string, Values>[]) => [
    ...new Set([...serviceRegions, ...maps.flatMap((m) => [...m.keys()]).sort()]),
  ];

  if (c.type === "burn-rate") {
    const bad = read(c.bad, sum);
    const total = read(c.total, sum);
    if (bad instanceof Error || total instanceof Error) error = bad instanceof Error ? bad : (total as Error);
    else {
      const budget = 1 - c.goal;
      const burn = (b: Values, t: Values): Values => {
        const over = (i: number, seconds: number) => {
          const from = Math.max(0, i - Math.round(seconds / step) + 1);
          return ratio(sum(b.slice(from, i + 1)), sum(t.slice(from, i + 1)));
        };
        return t.map((_, i) => {
          const long = over(i, c.longSeconds);
          const short = over(i, c.shortSeconds);
          return long === null || short === null ? null : Math.min(long, short) / budget;
        });
      };
      const empty = Array<number | null>(length).fill(null);
      const regions = regionsOf(bad, total);
      for (const r of regions) full.set(r, burn(bad.get(r) ?? empty, total.get(r) ?? empty));
      const across = (m: Map<string, Values>) => empty.map((_, i) => sum(regions.map((r) => m.get(r)?.[i])));
      full.set(ALL_REGIONS, burn(across(bad), across(total)));
    }
  } else {
    const signal: AlertSignal = c.signal;
    if (signal.kind === "ratio") {
      const num = read(signal.numerator, sum);
      const den = read(signal.denominator, sum);
      if (num instanceof Error || den instanceof Error) error = num instanceof Error ? num : (den as Error);
      else {
        const regions = regionsOf(num, den);
        for (const r of regions) {
          const d = den.get(r);
          full.set(
            r,
            Array.from({ length }, (_, i) => ratio(num.get(r)?.[i], d?.[i])),
          );
        }
        full.set(
          ALL_REGIONS,
          Array.from({ length }, (_, i) => {
            const counted = regions.filter((r) => den.get(r)?.[i] != null);
            if (!counted.length) return null;
            return ratio(sum(counted.map((r) => num.get(r)?.[i])), sum(counted.map((r) => den.get(r)?.[i])));
          }),
        );
      }
    } else {
      const merge = signal.combine === "max" ? max : sum;
      const got = read(signal.query, merge);
      if (got instanceof Error) error = got;
      else {
        const regions = regionsOf(got);
        for (const r of regions) full.set(r, got.get(r) ?? Array<number | null>(length).fill(null));
        full.set(
          ALL_REGIONS,
          Array.from({ length }, (_, i) => merge(regions.map((r) => got.get(r)?.[i]))),
        );
      }
    }
    for (const [r, values] of full)
      full.set(
        r,
        c.type === "absent"
          ? sinceLast(values, step, policy.lookbackSeconds)
          : rolled(values, c.rolling, step),
      );
  }

  const regions = new Map<string, Values>();
  const names = error ? [...serviceRegions, ALL_REGIONS] : [...full.keys()];
  for (const r of names)
    regions.set(r, (full.get(r) ?? Array<number | null>(length).fill(null)).slice(length - historySteps));
  return { times, regions, ...(error && { error: error.message }) };
}

/**
 * Seconds since the last step with a value above zero, as far back as the values reach; when there is
 * none, at least the whole lookback (the condition is met: nothing succeeded in the period).
 */
function sinceLast(values: Values, step: number, lookbackSeconds: number): Values {
  const width = Math.round(lookbackSeconds / step);
  return values.map((_, i) => {
    for (let j = i; j >= 0; j--) if ((values[j] ?? 0) > 0) return (i - j) * step;
    return i + 1 >= width ? (i + 1) * step : null;
  });
}
