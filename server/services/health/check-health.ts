import "server-only";
import { configuredTarget, getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { log } from "@/server/observability/logger";

export interface Health {
  status: "ok" | "degraded";
  mode: "embedded" | "production";
  database: { status: "ok" | "error"; kind: "pglite" | "postgres"; latencyMs?: number; error?: string };
}

export async function checkHealth(): Promise<Health> {
  const kind = configuredTarget().kind;
  const started = performance.now();
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: "ok", mode: env().MERIDIAN_MODE, database: { status: "ok", kind, latencyMs } };
  } catch (error) {
    log.error("health check: database unavailable", error);
    return {
      status: "degraded",
      mode: env().MERIDIAN_MODE,
      database: { status: "error", kind, error: "database unavailable" },
    };
  }
}
