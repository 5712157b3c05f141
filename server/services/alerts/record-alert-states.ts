import "server-only";
import type { Db } from "@/server/db/client";
import type { PolicyEvaluation } from "./evaluate-policies";

// Writes one service's evaluation: the state per (policy, region), and incidents on transitions
// (start, end, peak). Only while `worker` still holds the service's claim; then the service is due
// again in `intervalSeconds` and the claim is released, all in one transaction.

interface Row {
  policyId: string;
  region: string;
  state: string;
  since: Date;
  sinceAtLeast: boolean;
  value: number | null;
  threshold: number;
  lastFiredAt: Date | null;
}

/** False when the claim was lost (another worker took the service over): nothing was written. */
export async function recordAlertStates(
  db: Db,
  service: string,
  worker: string,
  evaluations: readonly PolicyEvaluation[],
  now: Date,
  intervalSeconds: number,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const held = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "AlertSchedule" WHERE service = $1 AND "claimedBy" = $2 FOR UPDATE`,
      service,
      worker,
    );
    if (held.length === 0) return false;
    const previous = new Map(
      (await tx.alertState.findMany({ where: { service } })).map((r) => [`${r.policyId}|${r.region}`, r]),
    );
    const rows: Row[] = [];
    for (const { policy, judgements } of evaluations) {
      for (const [region, j] of judgements) {
        const before = previous.get(`${policy.id}|${region}`);
        const changed = before?.state !== j.state;
        const since = changed ? new Date(j.since) : before!.since;
        const sinceAtLeast = changed ? j.sinceAtLeast : before!.sinceAtLeast;
        let lastFiredAt = before?.lastFiredAt ?? null;
        if (j.state === "firing" && changed) {
          await tx.alertIncident.create({
            data: {
              service,
              policyId: policy.id,
              region,
              startedAt: since,
              peakValue: j.peak ?? j.value ?? policy.threshold,
              threshold: policy.threshold,
            },
          });
          lastFiredAt = since;
        } else if (j.state === "firing" && j.peak !== null) {
          await tx.alertIncident.updateMany({
            where: { service, policyId: policy.id, region, endedAt: null, peakValue: { lt: j.peak } },
            data: { peakValue: j.peak },
          });
        }
        if (before?.state === "firing" && changed)
          await tx.alertIncident.updateMany({
            where: { service, policyId: policy.id, region, endedAt: null },
            data: { endedAt: since },
          });
        rows.push({
          policyId: policy.id,
          region,
          state: j.state,
          since,
          sinceAtLeast,
          value: j.value,
          threshold: policy.threshold,
          lastFiredAt,
        });
      }
    }
    // Policies that no longer exist (a trigger removed) leave no state behind; their incidents stay.
    await tx.alertState.deleteMany({
      where: { service, policyId: { notIn: evaluations.map((e) => e.policy.id) } },
    });
    await upsertStates(tx, service, rows, now);
    await tx.$executeRawUnsafe(
      `UPDATE "AlertSchedule" SET "dueAt" = $2::timestamptz + make_interval(secs => $3), "evaluatedAt" = $2::timestamptz,
         "claimedBy" = NULL, "claimedUntil" = NULL
       WHERE service = $1`,
      service,
      now.toISOString(),
      intervalSeconds,
    );
    return true;
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Every state row of the service in one statement. */
async function upsertStates(tx: Tx, service: string, rows: Row[], now: Date) {
  if (rows.length === 0) return;
  const params: unknown[] = [service, now.toISOString()];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const values = rows.map(
    (r) =>
      `($1, ${p(r.policyId)}, ${p(r.region)}, ${p(r.state)}, ${p(r.since.toISOString())}::timestamptz, ${p(r.sinceAtLeast)}::boolean, ${p(r.value)}::float8, ${p(r.threshold)}::float8, ${p(r.lastFiredAt?.toISOString() ?? null)}::timestamptz, $2::timestamptz)`,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "AlertState" (service, "policyId", region, state, since, "sinceAtLeast", value, threshold, "lastFiredAt", "evaluatedAt")
     VALUES ${values.join(", ")}
     ON CONFLICT (service, "policyId", region) DO UPDATE SET state = EXCLUDED.state, since = EXCLUDED.since, "sinceAtLeast" = EXCLUDED."sinceAtLeast",
       value = EXCLUDED.value, threshold = EXCLUDED.threshold, "lastFiredAt" = EXCLUDED."lastFiredAt",
       "evaluatedAt" = EXCLUDED."evaluatedAt"`,
    ...params,
  );
}
