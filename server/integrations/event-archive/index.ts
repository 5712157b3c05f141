import "server-only";
import { archiveBackend } from "@/lib/env-schema";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { bigQueryArchive } from "@/server/integrations/bigquery/bigquery-archive";
import { embeddedArchive } from "./embedded-archive";
import type { EventArchive } from "./event-archive";

const globalForArchive = globalThis as unknown as { meridianArchive?: EventArchive };

/** The configured EventArchive, chosen once per process: the recorder's BigQuery tables or the embedded table. */
export function eventArchive(): EventArchive {
  if (globalForArchive.meridianArchive) return globalForArchive.meridianArchive;
  const e = env();
  const archive =
    archiveBackend(process.env) === "bigquery"
      ? bigQueryArchive({
          projectId: e.GCP_PROJECT_ID!,
          recorder: e.MERIDIAN_RECORDER!,
          ...(e.BIGQUERY_ENDPOINT ? { apiEndpoint: e.BIGQUERY_ENDPOINT } : {}),
        })
      : embeddedArchive(getDb);
  globalForArchive.meridianArchive = archive;
  return archive;
}
