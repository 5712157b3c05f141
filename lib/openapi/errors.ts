import { errorStatus, type ErrorBody } from "../errors";
import { IAP_ASSERTION_HEADER } from "../identity";
import { componentRef, schemaRef } from "./refs";
import type { JsonObject } from "./types";

// The error responses operations refer to (`#/components/responses/<name>`), one per status, each
// with an example `ErrorBody` whose code lib/errors.ts maps to that status.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 500;

const errorResponses: Record<ErrorStatus, { name: string; description: string; example: ErrorBody }> = {
  400: {
    name: "BadRequest",
    description:
      "Invalid path or query parameter (`params.*`, `query.*`; unknown query parameters are refused where the endpoint takes a query), or a request body that is not `application/json` or not valid JSON (`body`), or an `Idempotency-Key` header that is not 1-200 printable ASCII characters (`headers.idempotency-key`), or for `POST /api/events` a CloudEvent that breaks a rule (`headers.ce-*`, `headers.content-type`, `body.*`).",
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
    description: `Production mode: no valid Identity-Aware Proxy assertion (\`${IAP_ASSERTION_HEADER}\`).`,
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
  409: {
    name: "Conflict",
    description:
      "The change contradicts the resource's state: a run already in progress for that name, a run that can no longer be cancelled or is not failed, a pull request that is not open or conflicts with its base, a replay that cannot be paused, resumed or cancelled from its status (`status`), or an `Idempotency-Key` someone else used (`headers.idempotency-key`).",
    example: {
      error: { code: "conflict", message: "Pull request #3 is already merged" },
    },
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

export const errorResponseRef = (status: ErrorStatus) =>
  componentRef("responses", errorResponses[status].name);

/** `#/components/responses`; throws if an example's error code does not map to its status. */
export function errorResponseComponents(): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(errorResponses).map(([status, { name, description, example }]) => {
      if (errorStatus[example.error.code] !== Number(status))
        throw new Error(`openapi: the ${status} example's error code does not map to ${status}`);
      return [
        name,
        { description, content: { "application/json": { schema: schemaRef("ErrorBody"), example } } },
      ];
    }),
  );
}
