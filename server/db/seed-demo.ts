import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import {
  demoAlertThresholds,
  demoEventTypes,
  demoRepository,
  demoServices,
  demoTeams,
  demoUsers,
} from "@/prisma/demo/fleet";
import { log } from "@/server/observability/logger";
import { toDbKind, toDbLifecycle } from "./enums";

const SEEDED_KEY = "demo-fleet-seeded-at";
/** Serialises the seeding of replicas that start together on one PostgreSQL database. */
const SEED_LOCK_KEY = 72_0002;
const DAY = 86_400_000;

/**
 * Seeds the demo fleet the first time the embedded portal starts. The marker row means that a
 * user who later deletes or retires demo services does not get them back on the next restart.
 */
export async function seedDemoFleetOnce(prisma: PrismaClient): Promise<boolean> {
  if (await prisma.portalSetting.findUnique({ where: { key: SEEDED_KEY } })) return false;
  const seeded = await prisma.$transaction(async (tx) => {
    // Another process may be seeding right now: wait for it (its transaction is shorter than this
    // one's time limit), then find its marker.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
    if (await tx.portalSetting.findUnique({ where: { key: SEEDED_KEY } })) return false;
    const teamIds = new Map<string, string>();
    for (const team of demoTeams) {
      const row = await tx.team.create({ data: { ...team } });
      teamIds.set(team.name, row.id);
    }
    for (const user of demoUsers) {
      await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          isAdmin: user.isAdmin ?? false,
          memberships: { create: user.teams.map((t) => ({ teamId: teamIds.get(t)! })) },
        },
      });
    }
    const typeIds = new Map<string, string>();
    for (const eventType of demoEventTypes) {
      const row = await tx.eventType.create({ data: { ...eventType } });
      typeIds.set(eventType.type, row.id);
    }
    const now = Date.now();
    for (const s of demoServices) {
      await tx.service.create({
        data: {
          name: s.name,
          teamId: teamIds.get(s.team)!,
          kind: toDbKind(s.kind),
          product: s.product,
          description: s.description,
          regions: s.regions,
          ingress: s.ingress,
          egress: s.egress,
          minInstances: s.scaling?.min ?? 0,
          maxInstances: s.scaling?.max ?? 100,
          lifecycle: toDbLifecycle(s.lifecycle),
          repository: demoRepository,
          path: `services/${s.name}`,
          isDemo: true,
          createdBy: s.createdBy,
          createdAt: new Date(now - s.ageDays * DAY),
          publishes: { create: (s.publishes ?? []).map((t) => ({ eventTypeId: typeIds.get(t)! })) },
          triggers: {
            create: (s.triggers ?? []).map((t) => ({
              name: `${s.name}-${t.type.split(".").slice(-2).join("-").replaceAll("_", "-")}`,
              eventTypeId: typeIds.get(t.type)!,
              filter: t.filter ?? {},
            })),
          },
        },
      });
    }
    for (const t of demoAlertThresholds) {
      const service = await tx.service.findUniqueOrThrow({
        where: { name: t.service },
        select: { id: true },
      });
      await tx.alertOverride.create({
        data: { serviceId: service.id, policyId: t.policyId, threshold: t.threshold, updatedBy: "seed" },
      });
    }
    await tx.portalSetting.create({ data: { key: SEEDED_KEY, value: new Date(now).toISOString() } });
    await tx.auditEntry.create({
      data: {
        actor: "system",
        action: "demo-fleet.seed",
        targetType: "portal",
        targetId: "catalog",
        details: { services: demoServices.length },
      },
    });
    return true;
  });
  if (!seeded) return false;
  log.info(`seeded the demo fleet: ${demoServices.length} services in ${demoTeams.length} teams`);
  return true;
}
