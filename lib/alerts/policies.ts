import {
  FAILURE_RATIO_THRESHOLD,
  UNACKED_MESSAGES_THRESHOLD,
  cloudRun,
  subscription,
  type LayoutService,
} from "@/lib/dashboards/service-layout";
import { REGION_LABEL, type FilterClause, type MetricQuery } from "@/lib/dashboards/types";
import type { AlertPolicy, ThresholdRule } from "./types";

// The alert policies of a service, next to its dashboard layout and from the same queries, with the
// platform's defaults (DOMAIN.md §2.5-2.6). Every policy is evaluated per region and for all regions
// together; a service may override each threshold (AlertOverride rows, audited).

/** The platform defaults, and the one the issue leaves to us (p99 latency, see README). */
export const ALERT_DEFAULTS = {
  failureRatio: FAILURE_RATIO_THRESHOLD,
  failureRatioDurationSeconds: 120,
  errorRate: 0.25,
  errorRateDurationSeconds: 300,
  latencyP99Ms: 1000,
  latencyDurationSeconds: 300,
  unackedMessages: UNACKED_MESSAGES_THRESHOLD,
  unackedAlignmentSeconds: 300,
  deadLettered: 0,
  deadLetterAlignmentSeconds: 300,
  /** The cron template's default: no successful run for 24 hours. */
  cronSuccessSeconds: 24 * 3600,
  sloGoal: 0.999,
  burnFast: { longSeconds: 3600, shortSeconds: 300, factor: 14.4 },
  burnSlow: { longSeconds: 6 * 3600, shortSeconds: 1800, factor: 6 },
} as const;

const DAY = 86_400;
const WEEK = 7 * DAY;
const MIN = 60;

const ratioRule: ThresholdRule = { min: 0, max: 1, integer: false, exclusiveMin: true };
const countRule: ThresholdRule = { min: 0, max: 1e9, integer: true, exclusiveMin: false };

/** The overrides a service stores: policy id → threshold. */
export type ThresholdOverrides = Readonly<Record<string, number>>;

const fiveXx: FilterClause = { key: "metric.label.response_code_class", op: "=", value: "5xx" };
const notOk: FilterClause = { key: "metric.label.response_code_class", op: "regex", value: "4xx|5xx" };

function requests(service: string, filter: FilterClause[] = []): MetricQuery {
  return cloudRun(service, "request_count", "REDUCE_SUM", { filter });
}

function httpPolicies(service: string): Omit<AlertPolicy, "threshold">[] {
  const d = ALERT_DEFAULTS;
  const burn = (speed: "fast" | "slow"): Omit<AlertPolicy, "threshold"> => {
    const w = speed === "fast" ? d.burnFast : d.burnSlow;
    const long = `${w.longSeconds / 3600}h`;
    const short = `${w.shortSeconds / MIN}m`;
    return {
      id: `slo-burn-${speed}`,
      title: `${service} - Multi-region SLO burn rate (${long}/${short})`,
      description: `Availability goal ${d.sloGoal * 100}% (5xx are bad): fires when the error budget burns faster than the threshold over both the last ${long} and the last ${short}.`,
      severity: speed === "fast" ? "ERROR" : "WARNING",
      unit: "1",
      format: "factor",
      defaultThreshold: w.factor,
      thresholdRule: { min: 1, max: 1000, integer: false, exclusiveMin: false },
      condition: {
        type: "burn-rate",
        bad: requests(service, [fiveXx]),
        total: requests(service),
        goal: d.sloGoal,
        longSeconds: w.longSeconds,
        shortSeconds: w.shortSeconds,
      },
      stepSeconds: MIN,
      lookbackSeconds: w.longSeconds,
      autoCloseSeconds: WEEK,
    };
  };
  return [
    {
      id: "http-5xx-ratio",
      title: `cloudrun service 5xx failure rate: ${service}`,
      description: "The share of requests answered 5xx, above the threshold for 2 minutes.",
      severity: "WARNING",
      unit: "1",
      format: "ratio",
      defaultThreshold: d.failureRatio,
      thresholdRule: ratioRule,
      condition: {
        type: "threshold",
        signal: { kind: "ratio", numerator: requests(service, [fiveXx]), denominator: requests(service) },
        durationSeconds: d.failureRatioDurationSeconds,
      },
      stepSeconds: MIN,
      lookbackSeconds: d.failureRatioDurationSeconds,
      autoCloseSeconds: 3600,
    },
    {
      id: "http-error-rate",
      title: `http error rate: ${service}`,
      description: "The share of requests answered 4xx or 5xx, above the threshold for 5 minutes.",
      severity: "WARNING",
      unit: "1",
      format: "ratio",
      defaultThreshold: d.errorRate,
      thresholdRule: ratioRule,
      condition: {
        type: "threshold",
        signal: { kind: "ratio", numerator: requests(service, [notOk]), denominator: requests(service) },
        durationSeconds: d.errorRateDurationSeconds,
      },
      stepSeconds: MIN,
      lookbackSeconds: d.errorRateDurationSeconds,
      autoCloseSeconds: 3600,
    },
    {
      id: "latency-p99",
      title: `p99 request latency: ${service}`,
      description: "The 99th percentile of request latency, above the service's threshold for 5 minutes.",
      severity: "WARNING",
      unit: "ms",
      format: "ms",
      defaultThreshold: d.latencyP99Ms,
      thresholdRule: { min: 1, max: 600_000, integer: false, exclusiveMin: false },
      condition: {
        type: "threshold",
        signal: {
          kind: "query",
          query: cloudRun(service, "request_latencies", "REDUCE_PERCENTILE_99", { aligner: "ALIGN_DELTA" }),
          combine: "max",
        },
        durationSeconds: d.latencyDurationSeconds,
      },
      stepSeconds: MIN,
      lookbackSeconds: d.latencyDurationSeconds,
      autoCloseSeconds: 3600,
    },
    burn("fast"),
    burn("slow"),
  ];
}

function triggerPolicies(trigger: string): Omit<AlertPolicy, "threshold">[] {
  const d = ALERT_DEFAULTS;
  return [
    {
      id: `unacked-${trigger}`,
      // The module's display name carries the threshold; it is filled in by servicePolicies.
      title: `Events ${trigger}: Unacked messages above {threshold}`,
      description: `Messages waiting in the trigger's subscriptions, averaged over 5 minutes.`,
      severity: "WARNING",
      unit: "1",
      format: "count",
      defaultThreshold: d.unackedMessages,
      thresholdRule: countRule,
      condition: {
        type: "threshold",
        signal: {
          kind: "query",
          query: subscription(trigger, "num_unacked_messages_by_region", "ALIGN_MEAN", "REDUCE_SUM"),
          combine: "sum",
        },
        rolling: { windowSeconds: d.unackedAlignmentSeconds, aggregate: "mean" },
        durationSeconds: 0,
      },
      stepSeconds: MIN,
      lookbackSeconds: d.unackedAlignmentSeconds,
      autoCloseSeconds: WEEK,
    },
    {
      id: `dead-letter-${trigger}`,
      title: `Dead-lettered events: ${trigger}`,
      description: "Events the trigger gave up on and dead-lettered in the last 5 minutes.",
      severity: "WARNING",
      unit: "1",
      format: "count",
      defaultThreshold: d.deadLettered,
      thresholdRule: countRule,
      condition: {
        type: "threshold",
        signal: {
          kind: "query",
          query: subscription(trigger, "dead_letter_message_count", "ALIGN_DELTA", "REDUCE_SUM"),
          combine: "sum",
        },
        rolling: { windowSeconds: d.deadLetterAlignmentSeconds, aggregate: "sum" },
        durationSeconds: 0,
      },
      stepSeconds: MIN,
      lookbackSeconds: d.deadLetterAlignmentSeconds,
      autoCloseSeconds: WEEK,
    },
  ];
}

function cronPolicy(job: string): Omit<AlertPolicy, "threshold"> {
  return {
    id: "cron-success-absent",
    title: `Cloud Run Job Success Execution: ${job}`,
    description: "Fires when no execution succeeded for the alignment period (the threshold, in seconds).",
    severity: "ERROR",
    unit: "s",
    format: "seconds",
    defaultThreshold: ALERT_DEFAULTS.cronSuccessSeconds,
    thresholdRule: { min: 10 * MIN, max: 8 * DAY, integer: true, exclusiveMin: false },
    condition: {
      type: "absent",
      signal: {
        kind: "query",
        query: {
          metricType: "run.googleapis.com/job/completed_execution_count",
          resourceType: "cloud_run_job",
          filter: [
            { key: "resource.label.job_name", op: "=", value: job },
            { key: "metric.label.result", op: "=", value: "succeeded" },
          ],
          aligner: "ALIGN_DELTA",
          reducer: "REDUCE_SUM",
          groupBy: [],
          region: { label: REGION_LABEL },
        },
        combine: "sum",
      },
    },
    // Filled in by servicePolicies: they depend on the threshold.
    stepSeconds: MIN,
    lookbackSeconds: 0,
    autoCloseSeconds: 3600,
  };
}

/** The step an absence condition is read at: 10-minute roll-ups when it looks back more than 6 hours. */
export const absentStepSeconds = (threshold: number) => (threshold > 6 * 3600 ? 600 : MIN);

/** Every alert policy of a service, with its overrides applied (unknown ids are ignored). */
export function servicePolicies(service: LayoutService, overrides: ThresholdOverrides = {}): AlertPolicy[] {
  const base =
    service.kind === "cron"
      ? [cronPolicy(service.name)]
      : [...httpPolicies(service.name), ...[...service.triggers].sort().flatMap(triggerPolicies)];
  return base.map((policy) => {
    const threshold = overrides[policy.id] ?? policy.defaultThreshold;
    const title = policy.title.replace("{threshold}", String(threshold));
    if (policy.condition.type !== "absent") return { ...policy, title, threshold };
    const stepSeconds = absentStepSeconds(threshold);
    return { ...policy, title, threshold, stepSeconds, lookbackSeconds: threshold + stepSeconds };
  });
}

/** Why `value` cannot be this policy's threshold, or null when it can. */
export function thresholdProblem(policy: Pick<AlertPolicy, "thresholdRule">, value: number): string | null {
  const { min, max, integer, exclusiveMin } = policy.thresholdRule;
  if (!Number.isFinite(value)) return "must be a finite number";
  if (integer && !Number.isInteger(value)) return "must be a whole number";
  if (exclusiveMin ? value <= min : value < min)
    return `must be ${exclusiveMin ? "greater than" : "at least"} ${min}`;
  if (value > max) return `must be at most ${max}`;
  return null;
}
