import "server-only";
import { dashboardQueryIssues, type DashboardQuery } from "@/lib/dashboards/dashboard-query";
import type { DashboardRange, DashboardResponse } from "@/lib/dashboards/dashboard-response";
import { AppError } from "@/lib/errors";
import type { MetricWindow } from "@/server/integrations/metrics/metrics-source";

// A dashboard query becomes an aligned window: `to` rounded down to the step and `from` a whole
// number of steps before it, so everyone looking at the same range in the same step asks the
// metrics source (and its cache) exactly the same question.

export interface DashboardWindow extends MetricWindow {
  /** The preset it came from, or null for an explicit from/to. */
  range: DashboardRange | null;
}

export const DEFAULT_RANGE: DashboardRange = "6h";

const presets: Record<DashboardRange, { ms: number; stepSeconds: number }> = {
  "1h": { ms: 3600_000, stepSeconds: 60 },
  "6h": { ms: 6 * 3600_000, stepSeconds: 60 },
  "24h": { ms: 24 * 3600_000, stepSeconds: 300 },
  "7d": { ms: 7 * 24 * 3600_000, stepSeconds: 3600 },
};

/** The steps an explicit window may use, smallest first. */
const STEPS = [60, 300, 3600] as const;
/** The most points an explicit window may have per series. */
export const MAX_POINTS = 400;

/**
 * The aligned window of a parsed query (`dashboardQuery`'s output). The rules between the
 * parameters are checked again against `now` (400 naming the parameter), so callers that did not
 * go through the schema get the same answer.
 */
export function dashboardWindow(query: DashboardQuery, now: Date = new Date()): DashboardWindow {
  const issues = dashboardQueryIssues(query, now);
  if (issues.length) {
    const named = issues.map((i) => ({ field: `query.${i.field}`, rule: i.rule }));
    throw new AppError(
      "bad_request",
      `Invalid query: ${named.map((i) => `${i.field} ${i.rule}`).join("; ")}`,
      named,
    );
  }
  if (query.from !== undefined && query.to !== undefined)
    return explicitWindow(Date.parse(query.from), Date.parse(query.to));
  const range = query.range ?? DEFAULT_RANGE;
  const { ms, stepSeconds } = presets[range];
  const to = alignDown(now.getTime(), stepSeconds);
  return { from: new Date(to - ms), to: new Date(to), stepSeconds, range };
}

function explicitWindow(from: number, to: number): DashboardWindow {
  const span = to - from;
  const stepSeconds =
    STEPS.find((s) => Math.ceil(span / (s * 1000)) <= MAX_POINTS) ?? STEPS[STEPS.length - 1]!;
  const stepMs = stepSeconds * 1000;
  const end = alignDown(to, stepSeconds);
  const steps = Math.max(1, Math.ceil(span / stepMs));
  return { from: new Date(end - steps * stepMs), to: new Date(end), stepSeconds, range: null };
}

const alignDown = (ms: number, stepSeconds: number) =>
  Math.floor(ms / (stepSeconds * 1000)) * stepSeconds * 1000;

/** The window as the responses carry it. */
export const windowJson = (window: DashboardWindow): DashboardResponse["window"] => ({
  from: window.from.toISOString(),
  to: window.to.toISOString(),
  stepSeconds: window.stepSeconds,
  range: window.range,
});
