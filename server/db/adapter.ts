import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { log } from "@/server/observability/logger";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface OpenDatabase {
  target: DatabaseTarget;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Runs `fn` while holding a database-wide lock, so two portal processes never migrate at once. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with an adapter for the schema engine on a connection of its own, closed afterwards:
   * the engine takes a session-level advisory lock, and on a shared pool its unlock may run on
   * another connection, leaving a pooled connection holding the lock for good (and every other
   * process's migration waiting on it).
   */
  withMigrationFactory<T>(fn: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T>;
  /**
   * LISTENs on a channel: `onNotify` gets the payload of every NOTIFY from any connection (any
   * portal process on PostgreSQL). Resolves once listening; the returned function stops.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PostgreSQL (PGlite) in ${target.dataDir}`;
  const u = new URL(target.url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  return target.kind === "pglite" ? openPglite(target) : openPostgres(target);
}

async function openPglite(target: { kind: "pglite"; dataDir: string }): Promise<OpenDatabase> {
  const inMemory = target.dataDir.startsWith("memory://");
  const dataDir = inMemory ? target.dataDir : path.resolve(target.dataDir);
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const factory = new PrismaPGlite(db);
  return {
    target,
    factory,
    // PGlite belongs to this one process, so there is nobody to lock out.
    exclusive: (fn) => fn(),
    withMigrationFactory: (fn) => fn(factory),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}

const MIGRATION_LOCK_KEY = 72_0001; // any constant shared by every Meridian process

async function openPostgres(target: { kind: "postgres"; url: string }): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection that the server drops (restart, failover) must not crash the portal.
  pool.on("error", (error) => log.error("idle PostgreSQL connection lost", error));
  const factory = new PrismaPg(pool);
  return {
    target,
    factory: withSchemaEngineShims(factory, target.url),
    async withMigrationFactory(fn) {
      const own = new pg.Pool({ connectionString: target.url, max: 1 });
      own.on("error", (error) => log.error("migration connection lost", error));
      try {
        return await fn(withSchemaEngineShims(new PrismaPg(own), target.url));
      } finally {
        await own.end();
      }
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    listen: (channel, onNotify) => listenPostgres(target.url, channel, onNotify),
    close: () => pool.end(),
  };
}

const RELISTEN_MS = 1_000;

/**
 * LISTEN needs a connection of its own, outside the pool. When the server drops it (restart,
 * failover), a new one is opened after a second; notifications sent in between are lost, so
 * listeners must not rely on them alone (the portal's readers also poll).
 */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  const reconnect = () => {
    if (!stopped) setTimeout(() => void connect().catch(reconnect), RELISTEN_MS);
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? "");
    });
    next.on("error", (error) => {
      log.error(`LISTEN ${channel} connection lost`, error);
      next.end().catch(() => {});
      reconnect();
    });
    await next.connect();
    await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

// Three gaps between adapter-pg and the WebAssembly schema engine:
// - adapter-pg's executeScript splits a migration on every ";", breaking function bodies: send the
//   script whole, as one simple query (as the Prisma CLI does);
// - the engine's introspection reads the internal "char" type (OID 18), which adapter-pg cannot map:
//   report it as text (OID 25);
// - adapter-pg's own shadow database is created from the pool config and dropped while its pool is
//   still open: use a uniquely named database, close the pool first, then DROP ... WITH (FORCE).
function withSchemaEngineShims(factory: PrismaPg, url: string): SqlMigrationAwareDriverAdapterFactory {
  const shim = (adapter: SqlDriverAdapter) => {
    const driver = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
    adapter.executeScript = async (script: string) => {
      await driver.query(script);
    };
    const perform = (
      adapter as unknown as { performIO: (...a: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }> }
    ).performIO;
    const bound = perform.bind(adapter);
    (adapter as unknown as { performIO: typeof perform }).performIO = async (...args) => {
      const result = await bound(...args);
      for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => shim(await factory.connect()),
    connectToShadowDb: async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const name = `meridian_shadow_${randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadowPool = new pg.Pool({ connectionString: shadowUrl.toString(), max: 2 });
      // DROP ... WITH (FORCE) below terminates connections that are still closing: expected, not an error.
      shadowPool.on("error", () => {});
      const adapter = shim(await new PrismaPg(shadowPool).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadowPool.end();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  };
}
