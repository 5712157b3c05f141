import "server-only";
import path from "node:path";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/server/env";
import { log } from "@/server/observability/logger";
import { describeTarget, openDatabase, type DatabaseTarget, type OpenDatabase } from "./adapter";
import { applyMigrations } from "./migrate";
import { seedDemoFleetOnce } from "./seed-demo";

export type Db = PrismaClient;

interface Handle {
  database: OpenDatabase;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { meridianDb?: Promise<Handle> };

export function configuredTarget(): DatabaseTarget {
  const e = env();
  return e.DATABASE_URL
    ? { kind: "postgres", url: e.DATABASE_URL }
    : { kind: "pglite", dataDir: path.join(path.resolve(e.MERIDIAN_DATA_DIR), "pgdata") };
}

/** Opens, migrates and (first start of the embedded mode) seeds the database, once per process. */
export async function connectDatabase(
  target: DatabaseTarget,
  options: { seedDemo: boolean },
): Promise<Handle> {
  const database = await openDatabase(target);
  const applied = await applyMigrations(database);
  if (applied.length) log.info(`applied migrations to ${describeTarget(target)}: ${applied.join(", ")}`);
  const prisma = new PrismaClient({ adapter: database.factory });
  if (options.seedDemo) await seedDemoFleetOnce(prisma);
  return { database, prisma };
}

function shouldSeedDemo(): boolean {
  const e = env();
  if (e.MERIDIAN_SEED_DEMO) return e.MERIDIAN_SEED_DEMO === "true";
  return e.MERIDIAN_MODE === "embedded";
}

function handle(): Promise<Handle> {
  globalForDb.meridianDb ??= connectDatabase(configuredTarget(), { seedDemo: shouldSeedDemo() }).catch(
    (error) => {
      globalForDb.meridianDb = undefined;
      throw error;
    },
  );
  return globalForDb.meridianDb;
}

/** The portal's Prisma client, ready to use (migrated and seeded). */
export async function getDb(): Promise<Db> {
  return (await handle()).prisma;
}

/** LISTENs on a channel of the portal's database (see OpenDatabase.listen). */
export async function listenDb(
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  return (await handle()).database.listen(channel, onNotify);
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.meridianDb;
  globalForDb.meridianDb = undefined;
  if (!pending) return;
  const { prisma, database } = await pending;
  await prisma.$disconnect();
  await database.close();
}
