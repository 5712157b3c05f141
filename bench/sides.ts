// The two sides being compared: the real `GET /api/services` handler called in-process, and the
// raw SQL run on the driver underneath Prisma (or, with BENCH_RAW=prisma, via $queryRawUnsafe).

import type { PrismaClient } from "@/generated/prisma/client";
import type { Page, ServiceSummary } from "@/lib/catalog-types";
import type { OpenDatabase } from "@/server/db/adapter";
import { reachDriver, type Driver, type RawRunner } from "./driver";
import { RAW_THROUGH_PRISMA } from "./settings";

export type ApiCall = (query: string) => Promise<Page<ServiceSummary>>;

export interface Sides {
  api: ApiCall;
  raw: RawRunner;
  /** Undefined when the driver could not be reached (then the raw side goes through Prisma). */
  driver: Driver | undefined;
  /** How the raw side runs its SQL, for the header. */
  rawHow: string;
}

/** Call after the database is open: importing the route reads the environment it set up. */
export async function setUpSides(prisma: PrismaClient, database: OpenDatabase): Promise<Sides> {
  const [{ GET }, { NextRequest }] = await Promise.all([
    import("@/app/api/services/route"),
    import("next/server"),
  ]);
  const api: ApiCall = async (query) => {
    const response = await GET(new NextRequest(`http://localhost/api/services${query ? `?${query}` : ""}`), {
      params: Promise.resolve({}),
    });
    const body = await response.json();
    if (response.status !== 200)
      throw new Error(`GET /api/services?${query}: ${response.status} ${JSON.stringify(body)}`);
    return body as Page<ServiceSummary>;
  };

  const driver = await reachDriver(database);
  const useDriver = driver && !RAW_THROUGH_PRISMA;
  const raw: RawRunner = useDriver
    ? driver.run
    : (sql) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  const rawHow = useDriver
    ? `directly on the underlying driver (${driver.name}) that Prisma uses`
    : `through prisma.$queryRawUnsafe on the same connection${driver ? "" : " (the driver was not reachable)"}`;
  return { api, raw, driver, rawHow };
}

export function describeSides(sides: Sides): string {
  return [
    `API: GET /api/services called in-process (identity + zod + listServices + Response.json + res.json())`,
    `raw: one hand-written SQL statement per scenario (page joined with "Team" + LIMIT/OFFSET, total as a scalar count(*) subquery), ${sides.rawHow}`,
  ].join("\n");
}
