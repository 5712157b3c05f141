import { z } from "zod";
import {
  catalogQuery,
  lifecycles,
  serviceKinds,
  serviceName,
  serviceNameRule,
  serviceUpdate,
  teamName,
} from "./catalog";
import { errorStatus } from "./errors";
import { devSessionSwitch } from "./dev-session";
import { DEV_USER_COOKIE, IAP_ASSERTION_HEADER as IAP_HEADER } from "./identity";
import { apiSchemas } from "./openapi-schemas";

// The OpenAPI 3.1 description of the JSON API, served at `GET /api/openapi.json` (docs/API.md is
// the prose companion). Request schemas come from the zod schemas the handlers validate with
// (lib/catalog.ts); response schemas from their checked mirrors in lib/openapi-schemas.ts.
// test/openapi.test.ts fails when a route under app/api/ is missing here.

type JsonSchema = z.core.JSONSchema.JSONSchema;

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
}

export type OpenApiMethod = "get" | "post" | "patch" | "put" | "delete";

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers?: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Record<string, unknown>>;
    responses: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

/** The API's own version; bump it when a response shape or parameter changes incompatibly. */
const API_VERSION = "0.1.0";

const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (id: string) => ({ "application/json": { schema: schemaRef(id) } });

/** Tidies zod's JSON Schema for an OpenAPI document: no per-schema `$schema`/`$id`, no noise bounds. */
function tidy(ctx: { jsonSchema: JsonSchema }): void {
  const s = ctx.jsonSchema;
  // `format: date-time` says it; zod's equivalent regex only adds noise.
  if (s.format === "date-time") delete s.pattern;
  // z.number().int() bounds itself to the safe integers; that is not an API limit.
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
}

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** A request schema as the handler reads it: the input side of transforms, coercions and defaults. */
function inputSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, { io: "input", override: tidy }));
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    metadata: apiSchemas,
    uri: (id) => `#/components/schemas/${id}`,
    override: tidy,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) out[id] = strip(schema);
  out.ServiceUpdate = {
    ...inputSchema(serviceUpdate),
    description: "The fields a member of the owning team may change; omitted fields stay as they are.",
  };
  out.DevSessionSwitch = { ...inputSchema(devSessionSwitch), description: "Whom to act as." };
  return out;
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
function catalogQueryParameters(): Record<string, unknown>[] {
  const input = z.toJSONSchema(catalogQuery, { io: "input", override: tidy });
  const output = z.toJSONSchema(catalogQuery, { io: "output", override: tidy });
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

type ErrorStatus = 400 | 401 | 403 | 404 | 422 | 500;

const errorResponses: Record<ErrorStatus, { name: string; description: string; example: unknown }> = {
  400: {
    name: "BadRequest",
    description:
      "Invalid path or query parameter (`params.*`, `query.*`; unknown query parameters are refused where the endpoint takes a query), or a request body that is not `application/json` or not valid JSON (`body`).",
    example: {
      error: {
        code: "bad_request",
        message: "Invalid query: query.kind must be one of http, event-receiver, cron, github-bot",
        issues: [{ field: "query.kind", rule: "must be one of http, event-receiver, cron, github-bot" }],
      },
    },
  },
  401: {
    name: "Unauthenticated",
    description: `Production mode: no valid Identity-Aware Proxy assertion (\`${IAP_HEADER}\`).`,
    example: {
      error: { code: "unauthenticated", message: "A valid Identity-Aware Proxy assertion is required" },
    },
  },
  403: {
    name: "Forbidden",
    description:
      "Not allowed: the caller's role does not permit the change, or a browser sent the mutation on behalf of another site (`Sec-Fetch-Site` other than `same-origin`/`none`, or an `Origin` whose host is not the portal's).",
    example: {
      error: {
        code: "forbidden",
        message:
          'alice@example.com may not service.update for team "payments": only a member of team "payments" or an admin may',
      },
    },
  },
  404: {
    name: "NotFound",
    description:
      "The named resource does not exist (or, for `/api/dev/session`, the server runs in production mode).",
    example: { error: { code: "not_found", message: 'Service "checkout-api" does not exist' } },
  },
  422: {
    name: "Unprocessable",
    description: "The JSON body breaks the schema; `issues` names each field (`body.<field>`) and rule.",
    example: {
      error: {
        code: "unprocessable",
        message: "Invalid body: body.lifecycle must be one of proposed, pr-open, merged, live, retired",
        issues: [
          { field: "body.lifecycle", rule: "must be one of proposed, pr-open, merged, live, retired" },
        ],
      },
    },
  },
  500: {
    name: "Internal",
    description: "An unexpected server error; it has been logged.",
    example: { error: { code: "internal", message: "Something went wrong on our side; it has been logged" } },
  },
};

function errorResponseComponents(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(errorResponses).map(([status, r]) => {
      if (
        errorStatus[(r.example as { error: { code: keyof typeof errorStatus } }).error.code] !==
        Number(status)
      )
        throw new Error(`openapi: the ${status} example's error code does not map to ${status}`);
      return [
        r.name,
        {
          description: r.description,
          content: { "application/json": { schema: schemaRef("ErrorBody"), example: r.example } },
        },
      ];
    }),
  );
}

interface OperationSpec extends Omit<OpenApiOperation, "responses" | "security"> {
  /** Success responses by status. */
  ok: Record<string, Record<string, unknown>>;
  /** Error statuses besides 401 and 500, which every authenticated operation has. */
  errors?: ErrorStatus[];
  /** Served without identity (the health probe). */
  open?: boolean;
}

function operation({ ok, errors = [], open = false, ...rest }: OperationSpec): OpenApiOperation {
  const statuses: ErrorStatus[] = open
    ? errors
    : [...new Set<ErrorStatus>([...errors, 401, 500])].sort((a, b) => a - b);
  return {
    ...rest,
    ...(open ? { security: [] } : {}),
    responses: {
      ...ok,
      ...Object.fromEntries(
        statuses.map((s) => [String(s), { $ref: `#/components/responses/${errorResponses[s].name}` }]),
      ),
    },
  };
}

const success = (description: string, id: string) => ({ "200": { description, content: jsonContent(id) } });

const description = `The JSON API of Meridian, the internal developer portal. Prose guide: docs/API.md.

**Authentication.** In production every request comes through Google Cloud's Identity-Aware Proxy, which adds a signed \`${IAP_HEADER}\` header naming the signed-in person; requests without a valid assertion get 401. Call the API through IAP (a browser session, or an OIDC ID token for IAP's OAuth client in \`Authorization: Bearer\`); do not set the header yourself. In the embedded (local) mode there is no IAP: every request acts as the local developer (\`MERIDIAN_DEV_USER\`, default \`dev@meridian.local\`) unless the \`${DEV_USER_COOKIE}\` cookie names someone else; \`POST /api/dev/session\` sets it.

**Errors.** Every error is \`{ "error": { "code", "message", "issues"? } }\` (schema \`ErrorBody\`). Invalid path or query parameters give 400, an invalid JSON body 422; \`issues[]\` names each bad \`field\` (\`params.name\`, \`query.kind\`, \`body.lifecycle\`) and the \`rule\` it breaks.

**Cross-site requests.** A mutation (any method but GET, HEAD, OPTIONS) that a browser sends on behalf of another site is refused with 403: when \`Sec-Fetch-Site\` is present and not \`same-origin\` or \`none\`, or \`Origin\` is present and its host is not the portal's. Clients that send neither header (curl, scripts) are not affected.`;

/** The OpenAPI 3.1 document of the JSON API. */
export function buildOpenApiDocument(): OpenApiDocument {
  const serviceNameParam = { $ref: "#/components/parameters/ServiceName" };
  const teamNameParam = { $ref: "#/components/parameters/TeamName" };

  return {
    openapi: "3.1.1",
    info: { title: "Meridian API", version: API_VERSION, description },
    servers: [{ url: "/", description: "The portal itself" }],
    tags: [
      { name: "catalog", description: "Services in the catalog." },
      { name: "teams", description: "Teams and their members." },
      { name: "identity", description: "Who you are." },
      { name: "dev", description: "Embedded mode only: act as another person." },
      { name: "meta", description: "Health and this document." },
    ],
    security: [{ iap: [] }, { devUser: [] }],
    paths: {
      "/api/health": {
        get: operation({
          operationId: "getHealth",
          summary: "Liveness and database status",
          description:
            "Open without identity, so load balancers and probes can call it. Not an `ErrorBody` endpoint: it always answers `Health`.",
          tags: ["meta"],
          open: true,
          ok: {
            "200": { description: "The database answers.", content: jsonContent("Health") },
            "503": {
              description: "The database does not answer (`status: degraded`).",
              content: jsonContent("Health"),
            },
          },
        }),
      },
      "/api/openapi.json": {
        get: operation({
          operationId: "getOpenApiDocument",
          summary: "This OpenAPI 3.1 document",
          tags: ["meta"],
          ok: {
            "200": {
              description: "The document.",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        }),
      },
      "/api/me": {
        get: operation({
          operationId: "getMe",
          summary: "The signed-in person",
          description:
            "Email, name, whether they are an admin, and their teams. People unknown to the catalog are viewers with no teams.",
          tags: ["identity"],
          ok: success("The caller.", "Actor"),
        }),
      },
      "/api/services": {
        get: operation({
          operationId: "listServices",
          summary: "Search the catalog",
          description:
            "Search, filter, sort and page the services. Filters combine with AND; the values within one filter with OR.",
          tags: ["catalog"],
          parameters: catalogQueryParameters(),
          ok: success("One page of services.", "ServicePage"),
          errors: [400],
        }),
      },
      "/api/services/{name}": {
        get: operation({
          operationId: "getService",
          summary: "One service",
          tags: ["catalog"],
          parameters: [serviceNameParam],
          ok: success("The service.", "ServiceDetail"),
          errors: [400, 404],
        }),
        patch: operation({
          operationId: "updateService",
          summary: "Change a service's catalog entry",
          description:
            "Members of the owning team and admins only (setting `lifecycle: retired` is the `service.retire` action, allowed to the same people). Recorded in the service's activity.",
          tags: ["catalog"],
          parameters: [serviceNameParam],
          requestBody: { required: true, content: jsonContent("ServiceUpdate") },
          ok: success("The service after the change.", "ServiceDetail"),
          errors: [400, 403, 404, 422],
        }),
      },
      "/api/services/{name}/activity": {
        get: operation({
          operationId: "listServiceActivity",
          summary: "A service's audit trail",
          description: "The newest 100 entries, newest first.",
          tags: ["catalog"],
          parameters: [serviceNameParam],
          ok: success("The entries.", "ActivityList"),
          errors: [400, 404],
        }),
      },
      "/api/teams": {
        get: operation({
          operationId: "listTeams",
          summary: "Every team",
          description: "All teams by name, with service and member counts; not paged.",
          tags: ["teams"],
          ok: success("The teams.", "TeamList"),
        }),
      },
      "/api/teams/{name}": {
        get: operation({
          operationId: "getTeam",
          summary: "One team",
          tags: ["teams"],
          parameters: [teamNameParam],
          ok: success("The team with its members and services.", "TeamDetail"),
          errors: [400, 404],
        }),
      },
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
    },
    components: {
      schemas: componentSchemas(),
      parameters: {
        ServiceName: {
          name: "name",
          in: "path",
          required: true,
          description: `Service name: ${serviceNameRule}.`,
          schema: inputSchema(serviceName),
        },
        TeamName: {
          name: "name",
          in: "path",
          required: true,
          description: "Team name.",
          schema: inputSchema(teamName),
        },
      },
      responses: errorResponseComponents(),
      securitySchemes: {
        iap: {
          type: "apiKey",
          in: "header",
          name: IAP_HEADER,
          description:
            "Production mode. The signed JWT that Google Cloud's Identity-Aware Proxy adds to each request it lets through; the portal verifies its signature, issuer and audience and takes the email from it. Clients authenticate to IAP, not to the portal.",
        },
        devUser: {
          type: "apiKey",
          in: "cookie",
          name: DEV_USER_COOKIE,
          description:
            "Embedded mode only, and optional: the email to act as, set by `POST /api/dev/session`. Without it every request acts as the local developer (`MERIDIAN_DEV_USER`, default `dev@meridian.local`). Ignored in production.",
        },
      },
    },
  };
}
