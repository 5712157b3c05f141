import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DatabaseTarget, OpenDatabase } from "@/server/db/adapter";
import { connectDatabase } from "@/server/db/client";

// A fresh, migrated database per test file: a new PostgreSQL database when DATABASE_URL is set
// (as in CI), otherwise in-memory PGlite. Both go through connectDatabase, the portal's own path.

export interface TestDatabase {
  prisma: PrismaClient;
  database: OpenDatabase;
  target: DatabaseTarget;
  dispose(): Promise<void>;
}

export interface ScratchPostgres {
  /** URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database WITH (FORCE); call after every client has disconnected. */
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database on the server `adminUrl` points at. */
export async function createScratchPostgres(adminUrl: string): Promise<ScratchPostgres> {
  const name = `meridian_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => {},
      ),
  };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(options: { seedDemo?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  const scratch = adminUrl ? await createScratchPostgres(adminUrl) : undefined;
  const target: DatabaseTarget = scratch
    ? { kind: "postgres", url: scratch.url }
    : { kind: "pglite", dataDir: "memory://" };
  let handle;
  try {
    handle = await connectDatabase(target, { seedDemo: options.seedDemo ?? false });
  } catch (error) {
    await scratch?.drop();
    throw error;
  }
  const { prisma, database } = handle;
  return {
    prisma,
    database,
    target,
    async dispose() {
      await prisma.$disconnect();
      await database.close();
      await scratch?.drop();
    },
  };
}
