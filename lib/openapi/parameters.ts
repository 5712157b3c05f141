import type { z } from "zod";
import { catalogQuery, lifecycles, serviceKinds, serviceName, serviceNameRule, teamName } from "../catalog";
import { eventTypeParams } from "../events/api";
import { pullRequestParams } from "../pull-requests";
import { replayIdParams } from "../replays";
import { runIdParams } from "../scaffold-runs";
import { templateId } from "../templates/request";
import { policyIdParam } from "../alerts/alert-api";
import { inputSchema, jsonSchema } from "./json-schema";
import { componentRef } from "./refs";
import type { JsonObject } from "./types";

// The documented parameters: the path parameters shared as components, and `catalogQuery` as the
// query parameters of `GET /api/services`.

const pathParameters = {
  ServiceName: { name: "name", description: `Service name: ${serviceNameRule}.`, schema: serviceName },
  TeamName: { name: "name", description: "Team name.", schema: teamName },
  RunId: { name: "id", description: "Scaffold run id (a UUID).", schema: runIdParams.shape.id },
  PullRequestNumber: {
    name: "number",
    description: "Pull request number.",
    schema: pullRequestParams.shape.number,
  },
  TemplateId: { name: "id", description: "Template id, e.g. `http-service`.", schema: templateId },
  EventType: {
    name: "type",
    description: "CloudEvent type, e.g. `dev.meridian.checkout.order.placed`.",
    schema: eventTypeParams.shape.type,
  },
  ReplayId: { name: "id", description: "Replay id (a UUID).", schema: replayIdParams.shape.id },
  PolicyId: {
    name: "policy",
    description: "Alert policy id within the service, e.g. `latency-p99` or `unacked-orders`.",
    schema: policyIdParam,
  },
} satisfies Record<string, { name: string; description: string; schema: z.ZodType }>;

export type PathParameterId = keyof typeof pathParameters;

export const parameterRef = (id: PathParameterId) => componentRef("parameters", id);

/** `#/components/parameters`. */
export function pathParameterComponents(): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(pathParameters).map(([id, { name, description, schema }]) => [
      id,
      { name, in: "path", required: true, description, schema: inputSchema(schema) },
    ]),
  );
}

/** One line per `catalogQuery` parameter; a parameter added there without one fails the typecheck. */
const catalogQueryDocs: Record<keyof typeof catalogQuery.shape, string> = {
  q: "Free-text search in service name and description and in the owning team's name and display name (case-insensitive).",
  team: "Owning teams (team names). Comma-separated (`team=a,b`) or repeated (`team=a&team=b`); any of them matches.",
  kind: `Service kinds (${serviceKinds.join(", ")}). Comma-separated or repeated; any of them matches.`,
  region:
    "Google Cloud regions such as `us-central1`; a service matches if it runs in any of them. Comma-separated or repeated.",
  lifecycle: `Lifecycle stages (${lifecycles.join(", ")}). Comma-separated or repeated; any of them matches.`,
  sort: "Sort key; ties are broken by service name.",
  dir: "Sort direction.",
  page: "Page number, from 1.",
  pageSize: "Items per page, 1 to 200.",
};

/**
 * `catalogQuery` as query parameters, one per property. A comma-list parameter (a string the
 * schema splits into an array) is documented as an array in `form` style without explode, the
 * OpenAPI spelling of `kind=http,cron`, with the item rules taken from the schema's output side.
 */
export function catalogQueryParameters(): JsonObject[] {
  const input = jsonSchema(catalogQuery, "input");
  const output = jsonSchema(catalogQuery, "output");
  const required = new Set(input.required ?? []);
  return Object.entries(input.properties ?? {}).map(([name, schema]) => {
    const out = output.properties?.[name];
    const isList =
      typeof schema === "object" &&
      schema.type === "string" &&
      typeof out === "object" &&
      out.type === "array";
    return {
      name,
      in: "query",
      required: required.has(name),
      description: catalogQueryDocs[name as keyof typeof catalogQueryDocs],
      ...(isList ? { style: "form", explode: false, schema: out } : { schema }),
    };
  });
}
