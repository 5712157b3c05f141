import type { MetricQuery, Unit } from "@/lib/dashboards/types";

// The portal's alert policies are data, like the dashboard layout they sit next to
// (lib/alerts/policies.ts). Two consumers read them: the evaluator (server/services/alerts/), which
// computes each policy's value per region and overall from a MetricsSource, and the Terraform
// renderer (lib/alerts/alert-policy-hcl.ts), which writes the same conditions as
// google_monitoring_alert_policy resources.
//
// Every condition reduces to one number per step and region, compared the same way: the policy
// fires when the value stays above `threshold` for `durationSeconds`.

/** How a signal's per-region values combine into the all-regions value. */
export type AlertCombine = "sum" | "max" | "ratio";

export type AlertSignal =
  | { kind: "query"; query: MetricQuery; combine: Exclude<AlertCombine, "ratio"> }
  | { kind: "ratio"; numerator: MetricQuery; denominator: MetricQuery };

/** A value over a rolling window: each step's value is the mean / sum / max of the last `windowSeconds`. */
export interface Rolling {
  windowSeconds: number;
  aggregate: "mean" | "sum" | "max";
}

export type AlertCondition =
  /** The signal (optionally rolled over a window) above the threshold for durationSeconds. */
  | { type: "threshold"; signal: AlertSignal; rolling?: Rolling; durationSeconds: number }
  /**
   * No point above zero of the signal for `threshold` seconds: the value is the seconds since the last
   * one, so "above the threshold" reads the same as for the other conditions.
   */
  | { type: "absent"; signal: AlertSignal & { kind: "query" } }
  /**
   * Multi-window SLO burn rate: the error ratio over the long and the short window, each divided by
   * the error budget (1 - goal). The value is the smaller of the two, so it is above the threshold
   * (the burn factor) exactly when both windows burn faster than that.
   */
  | {
      type: "burn-rate";
      bad: MetricQuery;
      total: MetricQuery;
      goal: number;
      longSeconds: number;
      shortSeconds: number;
    };

export type AlertSeverity = "CRITICAL" | "ERROR" | "WARNING";

export const alertValueFormats = ["ratio", "count", "factor", "ms", "seconds"] as const;
export type AlertValueFormat = (typeof alertValueFormats)[number];

/** The bounds a per-service threshold override must stay within. */
export interface ThresholdRule {
  min: number;
  max: number;
  /** When the threshold must be a whole number (a count or seconds). */
  integer: boolean;
  /** Strictly greater than min (ratios: > 0). */
  exclusiveMin: boolean;
}

export interface AlertPolicy {
  /** Stable within a service, e.g. `http-5xx-ratio` or `unacked-orders`: the key of overrides and state. */
  id: string;
  /** As the platform modules name it, e.g. "Events orders: Unacked messages above 50000". */
  title: string;
  /** One sentence: what it watches and when it fires. */
  description: string;
  severity: AlertSeverity;
  /** The unit of the value and the threshold. */
  unit: Unit;
  /** How the value reads: a share (shown in %), a count, a factor (burn rate ×), ms or seconds. */
  format: AlertValueFormat;
  /** The threshold in force: the service's override, or the platform default. */
  threshold: number;
  defaultThreshold: number;
  thresholdRule: ThresholdRule;
  condition: AlertCondition;
  /** Seconds a step aggregates when evaluated (60, or 600 for conditions that look back days). */
  stepSeconds: number;
  /** How far back the evaluator must read to compute the latest value. */
  lookbackSeconds: number;
  /** Cloud Monitoring closes an incident after this long without data (alert_strategy.auto_close). */
  autoCloseSeconds: number;
}

/** The live state of a policy in one region (or `all`). */
export const alertStates = ["ok", "firing", "no_data"] as const;
export type AlertStateName = (typeof alertStates)[number];
