import "server-only";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

/**
 * Retention of the embedded broker: the log keeps MERIDIAN_BUS_RETENTION_HOURS (never an event a
 * pending delivery or the dispatcher still needs), finished deliveries 7 days, the archive
 * MERIDIAN_ARCHIVE_RETENTION_DAYS (the recorder's retention-period). Returns the rows deleted.
 */
export async function compactEvents(db: Db): Promise<number> {
  const e = env();
  const [log, deliveries, archive] = await Promise.all([
    db.$executeRaw`
      DELETE FROM "BusEvent" b
      WHERE b."publishedAt" < now() - make_interval(hours => ${e.MERIDIAN_BUS_RETENTION_HOURS})
        AND b.seq <= COALESCE((SELECT seq FROM "BusCursor" WHERE name = 'dispatcher'), 0)
        AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."busEventSeq" = b.seq AND d.status = 'pending')`,
    db.$executeRaw`DELETE FROM "Delivery" WHERE status <> 'pending' AND "finishedAt" < now() - interval '7 days'`,
    db.$executeRaw`
      DELETE FROM "RecordedEvent" WHERE time < now() - make_interval(days => ${e.MERIDIAN_ARCHIVE_RETENTION_DAYS})`,
  ]);
  return log + deliveries + archive;
}
