import "server-only";
import type { Db } from "@/server/db/client";

/** Every region at least one service runs in, for the catalog's region filter. */
export async function listRegions(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<
    { region: string }[]
  >`SELECT DISTINCT unnest("regions") AS region FROM "Service" ORDER BY region`;
  return rows.map((r) => r.region);
}
