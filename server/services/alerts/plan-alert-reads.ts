import "server-only";
import { policyQueries } from "@/lib/alerts/policy-queries";
import type { AlertPolicy } from "@/lib/alerts/types";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { MetricWindow } from "@/server/integrations/metrics/metrics-source";

// What the evaluator reads for a set of policies: every distinct query once, over a window that
// covers its most demanding policy plus the history the Alerts tab draws. Windows come in a few
// fixed spans, all ending at the same aligned step, so the reads of a whole fleet share windows (the
// embedded store answers one window's queries in one batch, the cache keys on the window too) and a
// query two policies need (the 5xx count, all requests) is read once.

/** The history each evaluation computes and the Alerts tab charts. */
export const ALERT_HISTORY_SECONDS = 3600;
/** Samples of the last minute may still be arriving: the newest step evaluated ends this long before now. */
export const EVALUATION_LAG_SECONDS = 60;

const SPANS = [1800, 6 * 3600] as const;

export interface AlertRead {
  key: string;
  query: MetricQuery;
  window: MetricWindow;
}

export interface AlertReadPlan {
  reads: AlertRead[];
  /** The read key of a policy's query (its step and the query). */
  keyOf(query: MetricQuery, stepSeconds: number): string;
  /** The end of the newest step, per step size. */
  endMs(stepSeconds: number): number;
}

/** The lookback a policy needs for its newest value, including a rolling window and the duration. */
function needSeconds(policy: AlertPolicy): number {
  const c = policy.condition;
  if (c.type !== "threshold") return policy.lookbackSeconds;
  return Math.max(policy.lookbackSeconds, c.durationSeconds + (c.rolling?.windowSeconds ?? 0));
}

const spanFor = (seconds: number) => SPANS.find((s) => s >= seconds) ?? seconds;

const queryKey = (query: MetricQuery, stepSeconds: number) => `${stepSeconds}|${JSON.stringify(query)}`;

export function planAlertReads(policies: readonly AlertPolicy[], nowMs: number): AlertReadPlan {
  const endMs = (step: number) => {
    const stepMs = step * 1000;
    return Math.floor((nowMs - EVALUATION_LAG_SECONDS * 1000) / stepMs) * stepMs;
  };
  const spans = new Map<string, { query: MetricQuery; step: number; span: number }>();
  for (const policy of policies) {
    const span = spanFor(needSeconds(policy)) + ALERT_HISTORY_SECONDS;
    for (const query of policyQueries(policy)) {
      const key = queryKey(query, policy.stepSeconds);
      const seen = spans.get(key);
      if (!seen || seen.span < span) spans.set(key, { query, step: policy.stepSeconds, span });
    }
  }
  const reads = [...spans].map(([key, { query, step, span }]): AlertRead => {
    const end = endMs(step);
    const steps = Math.ceil(span / step);
    return {
      key,
      query,
      window: { from: new Date(end - steps * step * 1000), to: new Date(end), stepSeconds: step },
    };
  });
  return { reads, keyOf: queryKey, endMs };
}
