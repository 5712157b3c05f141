import "server-only";
import { rewriteDemoTraffic } from "./demo-traffic";
import type { Prisma } from "@/generated/prisma/client";
import type { DemoDegradation, DemoDegradationRequest } from "@/lib/demo-degradation";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";
import { authorize } from "@/server/services/identity/authorize";
import type { Degradation } from "./demo-model";

// Forced demo degradations live in one PortalSetting row (JSON, each with its expiry), so they
// survive a restart and every writer of demo traffic sees them; expired ones are pruned on write.

const KEY = "demo-forced-degradations";
const MIN = 60_000;

interface Stored {
  service: string;
  region: string;
  from: number;
  until: number;
  by: string;
}

type Reader = Pick<Prisma.TransactionClient, "portalSetting">;

async function readStored(db: Reader): Promise<Stored[]> {
  const row = await db.portalSetting.findUnique({ where: { key: KEY } });
  try {
    const parsed: unknown = row ? JSON.parse(row.value) : [];
    return Array.isArray(parsed)
      ? (parsed as Stored[]).filter(
          (d) => typeof d?.service === "string" && Number.isFinite(d.from) && Number.isFinite(d.until),
        )
      : [];
  } catch {
    return [];
  }
}

/** The forced degradations that overlap [fromMs, toMs). */
export async function loadForcedDegradations(
  db: Reader,
  fromMs: number,
  toMs: number,
): Promise<Degradation[]> {
  return (await readStored(db))
    .filter((d) => d.until > fromMs && d.from < toMs)
    .map((d) => ({
      service: d.service,
      region: d.region,
      from: d.from,
      until: d.until,
      cause: "forced" as const,
    }));
}

/** A forced degradation starts this long ago, so it shows at once on dashboards that end at the last full minute. */
const LOOKBACK_MS = 10 * MIN;

/**
 * Makes one region of a demo service degrade, as if it had started 10 minutes ago, for `minutes`
 * from now; rewrites those 10 minutes of demo samples. Team members and admins; audited.
 */
export async function forceDegradation(
  db: Db,
  actor: Actor,
  request: DemoDegradationRequest,
  now = Date.now(),
): Promise<DemoDegradation> {
  const result = await db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { name: request.service },
      select: { isDemo: true, regions: true, team: { select: { name: true } } },
    });
    if (!service) throw notFound("Service", request.service);
    authorize(actor, "service.update", service.team.name);
    if (!service.isDemo)
      throw new AppError(
        "unprocessable",
        `"${request.service}" is not a demo service: only demo services have generated traffic`,
        [{ field: "body.service", rule: "must be a demo service" }],
      );
    if (!service.regions.includes(request.region))
      throw new AppError("unprocessable", `"${request.service}" does not run in ${request.region}`, [
        { field: "body.region", rule: `must be one of the service's regions: ${service.regions.join(", ")}` },
      ]);
    const from = Math.floor(now / MIN) * MIN - LOOKBACK_MS;
    const until = Math.floor(now / MIN) * MIN + request.minutes * MIN;
    const kept = (await readStored(tx)).filter(
      (d) => d.until > now && !(d.service === request.service && d.region === request.region),
    );
    const value = JSON.stringify([
      ...kept,
      { service: request.service, region: request.region, from, until, by: actor.email },
    ]);
    await tx.portalSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    const result: DemoDegradation = {
      service: request.service,
      region: request.region,
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
      cause: "forced",
    };
    await recordAudit(tx, actor, {
      action: "demo.degradation",
      targetType: "service",
      targetId: request.service,
      details: { region: request.region, minutes: request.minutes, from: result.from, until: result.until },
    });
    return result;
  });
  await rewriteDemoTraffic(db, request.service, Date.parse(result.from), now);
  return result;
}
