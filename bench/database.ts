// The benchmark's scratch database: a fresh PGlite data directory, or a fresh database on the
// BENCH_DATABASE_URL server; migrated and demo-seeded by the portal's own path, grown by the
// generated fleet, and removed again by cleanUp() (unless BENCH_KEEP).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { PrismaClient } from "@/generated/prisma/client";
import type { OpenDatabase } from "@/server/db/adapter";
import { createScratchPostgres } from "@/test/support/test-db";
import { fleetInserts } from "./fleet";
import { KEEP, SERVER_URL, SERVICES } from "./settings";
import { ms } from "./stats";

const BATCH = 1000;

let teardown: (() => Promise<void>) | undefined;

/** Closes the database and removes it; safe to call at any point, and more than once. */
export async function cleanUp(): Promise<void> {
  await teardown?.();
}

export async function openBenchDatabase(): Promise<{ prisma: PrismaClient; database: OpenDatabase }> {
  // Environment first: the app modules read it (once) when they are first used.
  const scratch = SERVER_URL ? await createScratchPostgres(SERVER_URL) : undefined;
  let dataDir: string | undefined;
  if (scratch) {
    process.env.DATABASE_URL = scratch.url;
    delete process.env.MERIDIAN_DATA_DIR;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));
    process.env.MERIDIAN_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  }
  process.env.MERIDIAN_SEED_DEMO = "true";
  process.env.MERIDIAN_MODE = "embedded";
  process.env.MERIDIAN_DEV_USER = "dev@meridian.local"; // a demo user with a team membership

  const { getDb, closeDb } = await import("@/server/db/client");
  let closed = false;
  teardown = async () => {
    if (!closed) await closeDb().catch((e) => console.error("closing the database failed:", e));
    closed = true;
    if (KEEP) return void console.log(`kept: ${scratch ? scratch.url : dataDir}`);
    await scratch?.drop().catch((e) => console.error(`dropping ${scratch?.name} failed:`, e));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const t0 = performance.now();
  const prisma = await getDb();
  // The driver underneath Prisma is reached through the handle server/db/client.ts keeps on globalThis.
  const { database } = await (globalThis as unknown as { meridianDb: Promise<{ database: OpenDatabase }> })
    .meridianDb;
  const where = scratch
    ? `PostgreSQL, scratch database ${scratch.name} on ${new URL(scratch.url).host}`
    : `PGlite (embedded) in ${dataDir}`;
  console.log(`database: ${where} (ready in ${ms(performance.now() - t0)})`);
  return { prisma, database };
}

/** Adds BENCH_SERVICES generated services to the demo fleet, then refreshes the planner's statistics. */
export async function addFleet(prisma: PrismaClient): Promise<void> {
  const t1 = performance.now();
  const teams = await prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  const demo = await prisma.service.findMany({ select: { name: true } });
  for (const sql of fleetInserts({
    teams,
    count: SERVICES,
    batchSize: BATCH,
    existingNames: demo.map((s) => s.name),
  }))
    await prisma.$executeRawUnsafe(sql);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const services = await prisma.service.count();
  console.log(
    `fleet: ${services.toLocaleString("en")} services (${SERVICES.toLocaleString("en")} generated + ${demo.length} demo) in ${teams.length} teams, inserted in batches of ${BATCH} in ${ms(performance.now() - t1)}`,
  );
}
