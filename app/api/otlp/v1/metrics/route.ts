import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { assertEmbeddedMode } from "@/server/services/metrics/assert-embedded-mode";
import { ingestOtlpMetrics } from "@/server/services/metrics/ingest-otlp";

/** Embedded mode only: OTLP/HTTP JSON metrics into the portal's own metrics store. */
export const POST = apiRoute({ guard: assertEmbeddedMode }, async ({ request }) =>
  ingestOtlpMetrics(await getDb(), {
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
    bytes: new Uint8Array(await request.arrayBuffer()),
  }),
);
