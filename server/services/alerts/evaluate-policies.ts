import "server-only";
import type { AlertPolicy } from "@/lib/alerts/types";
import type { MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { computePolicyValues, type PolicyValues } from "./compute-policy-values";
import { durationSteps, judgeValues, type Judgement } from "./judge-values";
import { planAlertReads, type AlertReadPlan } from "./plan-alert-reads";

export interface PolicyEvaluation {
  policy: AlertPolicy;
  values: PolicyValues;
  /** Per region and ALL_REGIONS. */
  judgements: Map<string, Judgement>;
}

/** Reads every query of the plan once, all at once; a failed read is kept as its error. */
export async function readAll(source: MetricsSource, plan: AlertReadPlan) {
  const settled = await Promise.allSettled(plan.reads.map((r) => source.listTimeSeries(r.query, r.window)));
  return new Map<string, RawSeries[] | Error>(
    plan.reads.map((r, i) => {
      const s = settled[i]!;
      return [
        r.key,
        s.status === "fulfilled"
          ? s.value
          : s.reason instanceof Error
            ? s.reason
            : new Error(String(s.reason)),
      ];
    }),
  );
}

/** Judges policies of one service as of `nowMs`: one read per distinct query, every region at once. */
export async function evaluatePolicies(
  source: MetricsSource,
  policies: readonly AlertPolicy[],
  regions: readonly string[],
  nowMs: number,
): Promise<PolicyEvaluation[]> {
  const plan = planAlertReads(policies, nowMs);
  const results = await readAll(source, plan);
  return policies.map((policy) => {
    const values = computePolicyValues(policy, plan, results, regions);
    const steps = durationSteps(policy);
    const judgements = new Map<string, Judgement>();
    for (const [region, series] of values.regions)
      judgements.set(region, judgeValues(series, values.times, policy.threshold, steps));
    return { policy, values, judgements };
  });
}
