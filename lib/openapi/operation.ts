import type { z } from "zod";
import { errorResponseRef, type ErrorStatus } from "./errors";
import { jsonSchema } from "./json-schema";
import { jsonContent } from "./refs";
import type { JsonObject, OpenApiDocument, OpenApiOperation } from "./types";

// What the operations of every area (./paths-*.ts) are built with: the tags, `operation()` (which
// adds the error responses), the success responses, query parameters from a strict zod schema, and
// the `Idempotency-Key` header.

const tagDescriptions = {
  catalog: "Services in the catalog.",
  teams: "Teams and their members.",
  dashboards: "Service metrics per region, and the fleet's health.",
  events:
    "CloudEvents: publishing to the broker of a region, what flows through a service, its live tail, and the event types.",
  replays:
    "Replays of recorded events: an estimate, then a durable job that sends the selection to one trigger or a region's broker at a set rate, with pause, resume, cancel and live progress.",
  alerts: "The portal's alert policies per service with live state per region, incidents, and thresholds.",
  templates: "Service templates, and the preview of what a new service would generate.",
  scaffold: "Scaffold runs: a new service carried out as a durable job that ends in a pull request.",
  "pull-requests": "Pull requests the portal opened; merging and closing local ones.",
  webhooks: "Deliveries from GitHub, authenticated by their signature instead of identity.",
  identity: "Who you are.",
  dev: "Embedded mode only: act as another person, or make a demo region degrade.",
  metrics: "Embedded mode only: metrics sent by services over OTLP.",
  meta: "Health and this document.",
};

type Tag = keyof typeof tagDescriptions;

/** The document's `tags`, in the order the operations' tags are listed. */
export const apiTags = (): OpenApiDocument["tags"] =>
  Object.entries(tagDescriptions).map(([name, description]) => ({ name, description }));

interface OperationSpec extends Omit<OpenApiOperation, "tags" | "responses" | "security"> {
  tags: Tag[];
  /** Success responses by status. */
  ok: Record<string, JsonObject>;
  /** Error statuses besides 401 and 500, which every authenticated operation has. */
  errors?: ErrorStatus[];
  /** Served without identity (the health probe). */
  open?: boolean;
}

export function operation({ ok, errors = [], open = false, ...rest }: OperationSpec): OpenApiOperation {
  const statuses: ErrorStatus[] = open
    ? errors
    : [...new Set<ErrorStatus>([...errors, 401, 500])].sort((a, b) => a - b);
  return {
    ...rest,
    ...(open ? { security: [] } : {}),
    responses: { ...ok, ...Object.fromEntries(statuses.map((s) => [String(s), errorResponseRef(s)])) },
  };
}

/** A strict query schema as `in: query` parameters, each with its line of documentation. */
export function queryParameters(schema: z.ZodObject, docs: Record<string, string>) {
  const input = jsonSchema(schema, "input");
  const required = new Set(input.required ?? []);
  return Object.entries(input.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    description: docs[name],
    schema: property,
  }));
}

/** The `Idempotency-Key` request header of a POST that queues a job (`what`: run, replay). */
export const idempotencyKey = (what: string) => ({
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: `1-200 printable ASCII characters; the same key always answers the same ${what}.`,
  schema: { type: "string" },
});

/** A response with a JSON body of the component schema `schemaId`. */
export const response = (description: string, schemaId: string) => ({
  description,
  content: jsonContent(schemaId),
});

/** `ok` for an operation whose only success is a 200 with a JSON body of `schemaId`. */
export const success = (description: string, schemaId: string) => ({
  "200": response(description, schemaId),
});
