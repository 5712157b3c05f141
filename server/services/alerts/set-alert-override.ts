import "server-only";
import { thresholdProblem } from "@/lib/alerts/policies";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import { loadServicePolicies } from "./load-service-policies";
import { requestEvaluation } from "./request-evaluation";

export interface OverrideResult {
  service: string;
  policyId: string;
  threshold: number;
  defaultThreshold: number;
  overridden: boolean;
}

/**
 * Sets (a number) or removes (null) a service's threshold for one policy. Members of the owning team
 * and admins; audited with the previous and the new threshold; the service is evaluated again at once.
 */
export async function setAlertOverride(
  db: Db,
  actor: Actor,
  name: string,
  policyId: string,
  threshold: number | null,
): Promise<OverrideResult> {
  const service = await loadServicePolicies(db, name);
  authorize(actor, "alert.threshold", service.team);
  const policy = service.policies.find((p) => p.id === policyId);
  if (!policy) throw notFound(`Alert policy of ${name}`, policyId);
  if (threshold !== null) {
    const problem = thresholdProblem(policy, threshold);
    if (problem)
      throw new AppError("unprocessable", `Invalid body: body.threshold ${problem}`, [
        { field: "body.threshold", rule: problem },
      ]);
  }
  const result = await db.$transaction(async (tx) => {
    const row = await tx.service.findUniqueOrThrow({ where: { name }, select: { id: true } });
    const key = { serviceId_policyId: { serviceId: row.id, policyId } };
    const before = await tx.alertOverride.findUnique({ where: key });
    if (threshold === null) await tx.alertOverride.deleteMany({ where: { serviceId: row.id, policyId } });
    else
      await tx.alertOverride.upsert({
        where: key,
        create: { serviceId: row.id, policyId, threshold, updatedBy: actor.email },
        update: { threshold, updatedBy: actor.email },
      });
    await recordAudit(tx, actor, {
      action: "alert.threshold",
      targetType: "service",
      targetId: name,
      details: {
        policy: policyId,
        from: before?.threshold ?? null,
        to: threshold,
        default: policy.defaultThreshold,
      },
    });
    const effective = threshold ?? policy.defaultThreshold;
    return {
      service: name,
      policyId,
      threshold: effective,
      defaultThreshold: policy.defaultThreshold,
      overridden: threshold !== null,
    };
  });
  await requestEvaluation(db, name);
  return result;
}
