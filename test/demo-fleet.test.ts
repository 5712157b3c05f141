import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceKinds, serviceName } from "@/lib/catalog";
import { demoServices, demoTeams } from "@/prisma/demo/fleet";
import { seedDemoFleetOnce } from "@/server/db/seed-demo";
import { listRegions } from "@/server/services/catalog/list-regions";
import { connectDatabase } from "@/server/db/client";
import { createScratchPostgres, createTestDatabase, type TestDatabase } from "./support/test-db";

let db: TestDatabase;
let firstSeed: boolean;

beforeAll(async () => {
  db = await createTestDatabase({ seedDemo: false });
  firstSeed = await seedDemoFleetOnce(db.prisma);
});

afterAll(() => db?.dispose());

async function counts() {
  const p = db.prisma;
  const [services, teams, users, memberships, eventTypes, publishers, triggers, audit, settings] =
    await Promise.all([
      p.service.count(),
      p.team.count(),
      p.user.count(),
      p.membership.count(),
      p.eventType.count(),
      p.eventPublisher.count(),
      p.trigger.count(),
      p.auditEntry.count(),
      p.portalSetting.count(),
    ]);
  return { services, teams, users, memberships, eventTypes, publishers, triggers, audit, settings };
}

describe("the demo fleet", () => {
  it("is seeded on an empty database", () => {
    expect(firstSeed).toBe(true);
  });

  it("has at least 12 services in at least 3 teams, all marked as demo", async () => {
    expect(await db.prisma.service.count()).toBeGreaterThanOrEqual(12);
    expect(await db.prisma.service.count({ where: { isDemo: false } })).toBe(0);
    const teamsWithServices = await db.prisma.team.findMany({ where: { services: { some: {} } } });
    expect(teamsWithServices.length).toBeGreaterThanOrEqual(3);
  });

  it("spans at least 3 regions", async () => {
    expect((await listRegions(db.prisma)).length).toBeGreaterThanOrEqual(3);
  });

  it("has a service of every kind", async () => {
    const kinds = await db.prisma.service.groupBy({ by: ["kind"] });
    expect(kinds.map((k) => k.kind.replaceAll("_", "-")).sort()).toEqual([...serviceKinds].sort());
  });

  it("has event types that are both published and consumed by triggers", async () => {
    const published = await db.prisma.eventType.findMany({
      where: { publishers: { some: {} } },
      select: { type: true },
    });
    const consumed = await db.prisma.eventType.findMany({
      where: { triggers: { some: {} } },
      select: { type: true },
    });
    expect(published.length).toBeGreaterThan(0);
    expect(consumed.length).toBeGreaterThan(0);
    const consumedTypes = new Set(consumed.map((t) => t.type));
    expect(published.some((t) => consumedTypes.has(t.type))).toBe(true);
  });

  it("has triggers, on every event-receiver and GitHub bot, some with filters", async () => {
    const triggers = await db.prisma.trigger.findMany();
    expect(triggers.length).toBeGreaterThan(0);
    expect(triggers.some((t) => Object.keys(t.filter as object).length > 0)).toBe(true);
    const receiversWithout = await db.prisma.service.findMany({
      where: { kind: { in: ["event_receiver", "github_bot"] }, triggers: { none: {} } },
    });
    expect(receiversWithout.map((s) => s.name)).toEqual([]);
  });

  it("has members for the dev user's team and an admin", async () => {
    const dev = await db.prisma.user.findUniqueOrThrow({
      where: { email: "dev@meridian.local" },
      include: { memberships: { include: { team: true } } },
    });
    expect(dev.memberships.map((m) => m.team.name)).toEqual(["checkout"]);
    expect(await db.prisma.user.count({ where: { isAdmin: true } })).toBeGreaterThanOrEqual(1);
  });

  it("records the seeding in the audit log", async () => {
    const entries = await db.prisma.auditEntry.findMany({ where: { action: "demo-fleet.seed" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toBe("system");
  });

  it("matches the fleet definition", async () => {
    expect(await db.prisma.service.count()).toBe(demoServices.length);
    expect(await db.prisma.team.count()).toBe(demoTeams.length);
  });

  it("seeding a second time does nothing", async () => {
    const before = await counts();
    expect(await seedDemoFleetOnce(db.prisma)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("is not re-seeded after a user deletes every demo service", async () => {
    await db.prisma.service.deleteMany({ where: { isDemo: true } });
    const before = await counts();
    expect(before.services).toBe(0);
    expect(await seedDemoFleetOnce(db.prisma)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

// Two replicas starting together on one fresh PostgreSQL database (the production e2e stack does).
describe.skipIf(!process.env.DATABASE_URL)("the demo fleet on a shared PostgreSQL database", () => {
  it("is seeded once when two processes seed it at the same time", async () => {
    const scratch = await createScratchPostgres(process.env.DATABASE_URL!);
    const target = { kind: "postgres", url: scratch.url } as const;
    const replicas = await Promise.all([1, 2].map(() => connectDatabase(target, { seedDemo: false })));
    try {
      const seeded = await Promise.all(replicas.map((r) => seedDemoFleetOnce(r.prisma)));
      expect(seeded.sort()).toEqual([false, true]);
      expect(await replicas[0]!.prisma.team.count()).toBe(demoTeams.length);
      expect(await replicas[1]!.prisma.service.count()).toBe(demoServices.length);
    } finally {
      for (const r of replicas) {
        await r.prisma.$disconnect();
        await r.database.close();
      }
      await scratch.drop();
    }
  });
});

describe("demo service names", () => {
  it.each(demoServices.map((s) => s.name))("%s is a valid Cloud Run service name", (name) => {
    expect(serviceName.safeParse(name).success).toBe(true);
  });

  it("are unique", () => {
    const names = demoServices.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("the serviceName rule itself rejects bad names", () => {
    for (const bad of ["Bad_Name", "1st", "ends-", "", "a".repeat(50)])
      expect(serviceName.safeParse(bad).success).toBe(false);
  });
});
