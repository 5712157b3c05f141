import "server-only";
import type { Db } from "@/server/db/client";
import type { MetricsSource } from "@/server/integrations/metrics/metrics-source";
import { claimDueEvaluations, ensureSchedules, releaseEvaluations } from "./claim-evaluations";
import { evaluatePolicies } from "./evaluate-policies";
import { loadDeployedPolicies } from "./load-service-policies";
import { recordAlertStates } from "./record-alert-states";

export interface EvaluationTick {
  /** Services this worker evaluated and recorded. */
  evaluated: string[];
  /** Services whose claim was lost before the write (nothing recorded). */
  lost: string[];
}

export interface TickOptions {
  worker: string;
  intervalSeconds: number;
  /** Services claimed at once; their reads go out together. */
  batch?: number;
  leaseSeconds?: number;
  now?: () => number;
}

/** One round of a worker: claims due services, evaluates their policies together and records the results. */
export async function evaluateDueAlerts(
  db: Db,
  source: MetricsSource,
  options: TickOptions,
): Promise<EvaluationTick> {
  const now = options.now ?? Date.now;
  await ensureSchedules(db);
  const claimed = await claimDueEvaluations(
    db,
    options.worker,
    options.batch ?? 8,
    options.leaseSeconds ?? Math.max(30, options.intervalSeconds),
  );
  const tick: EvaluationTick = { evaluated: [], lost: [] };
  if (claimed.length === 0) return tick;
  try {
    const services = await loadDeployedPolicies(db, claimed);
    const at = now();
    const evaluations = await Promise.all(
      services.map((s) => evaluatePolicies(source, s.policies, s.regions, at)),
    );
    for (const [i, service] of services.entries()) {
      const recorded = await recordAlertStates(
        db,
        service.name,
        options.worker,
        evaluations[i]!,
        new Date(at),
        options.intervalSeconds,
      );
      (recorded ? tick.evaluated : tick.lost).push(service.name);
    }
  } finally {
    // Whatever was not recorded (an error, a service retired meanwhile) is due again at once.
    await releaseEvaluations(
      db,
      claimed.filter((s) => !tick.evaluated.includes(s) && !tick.lost.includes(s)),
      options.worker,
    );
  }
  return tick;
}
