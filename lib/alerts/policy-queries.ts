import type { MetricQuery } from "@/lib/dashboards/types";
import type { AlertPolicy } from "./types";

/** The queries a policy reads: a burn rate's bad and total, a ratio's numerator and denominator, or its one query. */
export function policyQueries(policy: AlertPolicy): MetricQuery[] {
  const c = policy.condition;
  if (c.type === "burn-rate") return [c.bad, c.total];
  if (c.signal.kind === "ratio") return [c.signal.numerator, c.signal.denominator];
  return [c.signal.query];
}
