// The driver underneath Prisma (the PGlite instance or the pg.Pool), for running the raw SQL with
// nothing in between and for tapping the statements an API call sends.

import { performance } from "node:perf_hooks";
import type { OpenDatabase } from "@/server/db/adapter";

export type RawRunner = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A statement a driver ran, and when (the driver's time for it, queueing included). */
export interface Statement {
  sql: string;
  start: number;
  end: number;
}

export interface SqlTap {
  start(): void;
  stop(): Statement[];
}

export interface Driver {
  name: string;
  run: RawRunner;
  tap: SqlTap;
}

type QueryFn = (...args: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export async function reachDriver(database: OpenDatabase): Promise<Driver | undefined> {
  let target: { query: QueryFn } | undefined;
  let name: string;
  if (database.target.kind === "pglite") {
    // pglite-prisma-adapter's factory holds the PGlite instance it was built with.
    target = (database.factory as unknown as { client?: { query: QueryFn } }).client;
    name = "the PGlite instance";
  } else {
    // adapter-pg's adapter hands out its pg.Pool; the shim in adapter.ts keeps that method.
    const adapter = (await database.factory.connect()) as unknown as {
      underlyingDriver?: () => { query: QueryFn };
    };
    target = adapter.underlyingDriver?.();
    name = "the pg.Pool";
  }
  if (!target || typeof target.query !== "function") return undefined;
  const driver = target;
  const original = driver.query;
  const query: QueryFn = original.bind(driver);
  let seen: Statement[] = [];
  return {
    name,
    run: async (sql, params) => (await query(sql, params)).rows,
    tap: {
      start() {
        seen = [];
        driver.query = (...args: unknown[]) => {
          const first = args[0] as string | { text: string };
          const statement = {
            sql: typeof first === "string" ? first : first.text,
            start: performance.now(),
            end: NaN,
          };
          seen.push(statement);
          return query(...args).finally(() => (statement.end = performance.now()));
        };
      },
      stop() {
        driver.query = original;
        return seen;
      },
    },
  };
}
