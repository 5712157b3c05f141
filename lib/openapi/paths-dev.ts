import { DEV_USER_COOKIE } from "../identity";
import { jsonContent } from "./refs";
import { operation, success } from "./operation";
import type { OpenApiDocument } from "./types";

// The operations of embedded mode only (404 in production): acting as someone else, receiving
// metrics over OTLP, and making a demo region degrade.

/** The dev session, OTLP metrics and demo degradation. */
export function devPaths(): OpenApiDocument["paths"] {
  return {
    "/api/dev/session": {
      get: operation({
        operationId: "getDevSession",
        summary: "Whom you act as, and whom you could (embedded mode)",
        description: "Embedded mode only; 404 in production.",
        tags: ["dev"],
        ok: success("The current person and everyone the catalog knows.", "DevSession"),
        errors: [404],
      }),
      post: operation({
        operationId: "switchDevUser",
        summary: "Act as someone else (embedded mode)",
        description: `Embedded mode only; 404 in production. Sets the \`${DEV_USER_COOKIE}\` cookie (HttpOnly, SameSite=Lax) to the lower-cased email, so demos and tests can try every role. The email must be a user the catalog knows (422 otherwise).`,
        tags: ["dev"],
        requestBody: { required: true, content: jsonContent("DevSessionSwitch") },
        ok: {
          "200": {
            description: "Switched; later requests carrying the cookie act as this person.",
            headers: {
              "Set-Cookie": {
                description: `\`${DEV_USER_COOKIE}=<email>; Path=/; SameSite=Lax; HttpOnly\``,
                schema: { type: "string" },
              },
            },
            content: jsonContent("DevSessionSwitched"),
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
    "/api/otlp/v1/metrics": {
      post: operation({
        operationId: "exportMetrics",
        summary: "Receive OTLP metrics (embedded mode)",
        description:
          "OTLP/HTTP JSON. Every resource needs the `service.name` (a service in the catalog) and `cloud.region` attributes. Sums (delta or cumulative), gauges and histograms are stored in the embedded metrics store; the OpenTelemetry `http.server.request.duration` histogram also feeds the Cloud Run request count and latency charts. A bad payload gets 400 naming the field and nothing is stored. 404 in production.",
        tags: ["metrics"],
        requestBody: { required: true, content: jsonContent("OtlpMetricsRequest") },
        ok: {
          "200": {
            description:
              "Stored (OTLP ExportMetricsServiceResponse; `partialSuccess` lists data points that were ignored).",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
    "/api/demo/degradation": {
      post: operation({
        operationId: "forceDemoDegradation",
        summary: "Make a demo region degrade now (embedded mode)",
        description:
          "The demo traffic generator raises the 5xx ratio and latency of one region of a demo service as if it had started 10 minutes ago (those minutes are rewritten, so the next refresh shows it), until `minutes` from now. Members of the owning team and admins; audited. 404 in production.",
        tags: ["dev"],
        requestBody: { required: true, content: jsonContent("DemoDegradationRequest") },
        ok: {
          "200": {
            description: "The degradation window.",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["service", "region", "from", "until", "cause"],
                  properties: {
                    service: { type: "string" },
                    region: { type: "string" },
                    from: { type: "string", format: "date-time" },
                    until: { type: "string", format: "date-time" },
                    cause: { type: "string", enum: ["scheduled", "forced"] },
                  },
                },
              },
            },
          },
        },
        errors: [400, 403, 404, 422],
      }),
    },
  };
}
