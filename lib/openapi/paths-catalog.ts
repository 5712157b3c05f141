import { catalogQueryParameters, parameterRef } from "./parameters";
import { jsonContent } from "./refs";
import { operation, response, success } from "./operation";
import type { OpenApiDocument } from "./types";

// The operations of health and this document, the caller, the catalog's services, and the teams.
// The teams come later in the document (after the webhooks), hence their own function.

/** Health, this document, the caller, and the services with their activity. */
export function catalogPaths(): OpenApiDocument["paths"] {
  const serviceNameParam = parameterRef("ServiceName");

  return {
    "/api/health": {
      get: operation({
        operationId: "getHealth",
        summary: "Liveness and database status",
        description:
          "Open without identity, so load balancers and probes can call it. Not an `ErrorBody` endpoint: it always answers `Health`.",
        tags: ["meta"],
        open: true,
        ok: {
          "200": response("The database answers.", "Health"),
          "503": response("The database does not answer (`status: degraded`).", "Health"),
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
  };
}

/** The teams. */
export function teamPaths(): OpenApiDocument["paths"] {
  const teamNameParam = parameterRef("TeamName");

  return {
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
  };
}
