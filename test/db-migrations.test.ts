import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema } from "@/server/db/migrate";
import { readMigrations } from "@/server/db/schema-engine";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(() => db?.dispose());

describe("migrations", () => {
  it("built every table of schema.prisma on the empty database", async () => {
    const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "AuditEntry",
        "EventPublisher",
        "EventType",
        "Membership",
        "PortalSetting",
        "Service",
        "Team",
        "Trigger",
        "User",
      ]),
    );
  });

  it("recorded every migration folder as applied", async () => {
    const folders = readMigrations().migrationDirectories.map((d) => d.path);
    expect(folders.length).toBeGreaterThan(0);
    const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("produce exactly schema.prisma (no drift)", async () => {
    expect(await diffMigrationsToSchema(db.database)).toBe("");
  });

  it("applying them again is a no-op", async () => {
    expect(await applyMigrations(db.database)).toEqual([]);
  });
});

describe("the audit log is append-only", () => {
  beforeAll(async () => {
    await db.prisma.auditEntry.create({
      data: { actor: "test@meridian.dev", action: "test.write", targetType: "service", targetId: "x" },
    });
  });

  it("accepts new entries", async () => {
    expect(await db.prisma.auditEntry.count()).toBe(1);
  });

  it("refuses UPDATE", async () => {
    await expect(
      db.prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "actor" = 'mallory@evil.example'`),
    ).rejects.toThrow(/append-only/);
    expect((await db.prisma.auditEntry.findFirstOrThrow()).actor).toBe("test@meridian.dev");
  });

  it("refuses UPDATE through Prisma too", async () => {
    const entry = await db.prisma.auditEntry.findFirstOrThrow();
    await expect(
      db.prisma.auditEntry.update({ where: { id: entry.id }, data: { action: "tampered" } }),
    ).rejects.toThrow();
    expect((await db.prisma.auditEntry.findFirstOrThrow()).action).toBe("test.write");
  });

  it("refuses DELETE", async () => {
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEntry.count()).toBe(1);
  });

  it("refuses TRUNCATE", async () => {
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEntry.count()).toBe(1);
  });
});
