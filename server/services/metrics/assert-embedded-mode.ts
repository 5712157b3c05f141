import "server-only";
import { AppError } from "@/lib/errors";
import { env } from "@/server/env";

/** Route guard: the embedded metrics endpoints (OTLP ingest, demo controls) do not exist in production. */
export function assertEmbeddedMode(): void {
  if (env().MERIDIAN_MODE === "production")
    throw new AppError("not_found", "This endpoint exists only in the embedded mode");
}
