import { z } from "zod";
import { demoDegradationRequest } from "../demo-degradation";
import { otlpMetricsRequest } from "../otlp";
import { serviceUpdate } from "../catalog";
import { devSessionSwitch } from "../dev-session";
import { schemaRef } from "./refs";
import { apiSchemas } from "./response-schemas";
import "./template-schemas";
import "./run-schemas";
import "./event-schemas";
import "./replay-schemas";
import "./alert-schemas";
import { thresholdOverride } from "../alerts/alert-api";
import { previewRequest, validateRequest } from "../templates/request";
import { createReplayRequest, DEFAULT_RATE, estimateRequest, MAX_RATE } from "../replays";
import type { JsonSchema } from "./types";

// zod → JSON Schema for the document: the request schemas the handlers validate with (lib/catalog.ts,
// lib/dev-session.ts) and the response mirrors in ./response-schemas.ts.

/** Tidies zod's JSON Schema for an OpenAPI document: no noise bounds or patterns. */
function tidy(ctx: { jsonSchema: JsonSchema }): void {
  const s = ctx.jsonSchema;
  // `format: date-time` says it; zod's equivalent regex only adds noise.
  if (s.format === "date-time") delete s.pattern;
  // z.number().int() bounds itself to the safe integers; that is not an API limit.
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
}

/** Drops the per-schema `$schema`/`$id`, which have no place inside an OpenAPI document. */
function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** A schema as the handler reads it (`input`: before transforms, coercions and defaults) or as it comes out. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return strip(z.toJSONSchema(schema, { io, override: tidy }));
}

/** A request schema as the handler reads it: the input side of transforms, coercions and defaults. */
export const inputSchema = (schema: z.ZodType): JsonSchema => jsonSchema(schema, "input");

/** `#/components/schemas`: every response mirror with an id, then the request bodies. */
export function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    metadata: apiSchemas,
    uri: (id) => schemaRef(id).$ref,
    override: tidy,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) out[id] = strip(schema);
  out.ServiceUpdate = {
    ...inputSchema(serviceUpdate),
    description: "The fields a member of the owning team may change; omitted fields stay as they are.",
  };
  out.DevSessionSwitch = { ...inputSchema(devSessionSwitch), description: "Whom to act as." };
  out.OtlpMetricsRequest = {
    ...inputSchema(otlpMetricsRequest),
    description: "OTLP/HTTP JSON ExportMetricsServiceRequest (the subset Meridian stores).",
  };
  out.ScaffoldPreviewRequest = {
    ...inputSchema(previewRequest),
    description: "A template, optionally its version, and the answers to its form.",
  };
  out.AnswerValidationRequest = {
    ...inputSchema(validateRequest),
    description: "A template and answers to check.",
  };
  out.ReplayEstimateRequest = {
    ...inputSchema(estimateRequest),
    description:
      "The service the replay is for, the selection (see ReplaySelection), and how many sample events to render (0-20, default 5).",
  };
  out.ReplayCreateRequest = {
    ...inputSchema(createReplayRequest),
    description: `The service, the selection (see ReplaySelection), the target (see ReplayTarget), the rate in events per second (0.1-${MAX_RATE}, default ${DEFAULT_RATE}), and \`confirm\`: the service's name typed, required for a broker target or more events than the confirmation threshold.`,
  };
  out.ThresholdOverride = {
    ...inputSchema(thresholdOverride),
    description: "The service's own threshold for the policy, within the policy's `thresholdRule`.",
  };
  out.DemoDegradationRequest = {
    ...inputSchema(demoDegradationRequest),
    description: "Which region of which demo service degrades, and for how long.",
  };
  return out;
}
