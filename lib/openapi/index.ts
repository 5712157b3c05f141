import { DEV_USER_COOKIE, IAP_ASSERTION_HEADER } from "../identity";
import { errorResponseComponents } from "./errors";
import { componentSchemas } from "./json-schema";
import { pathParameterComponents } from "./parameters";
import { apiPaths, apiTags } from "./paths";
import type { OpenApiDocument } from "./types";

export type { JsonSchema, OpenApiDocument, OpenApiMethod, OpenApiOperation } from "./types";

// The OpenAPI 3.1 description of the JSON API, served at `GET /api/openapi.json` (docs/API.md is
// the prose companion). Request schemas come from the zod schemas the handlers validate with
// (lib/catalog.ts); response schemas from their checked mirrors in ./response-schemas.ts.
// test/openapi.test.ts fails when a route under app/api/ is missing here.

/** The API's own version; bump it when a response shape or parameter changes incompatibly. */
const API_VERSION = "0.1.0";

/** Whom an embedded-mode request acts as when the dev cookie names no one. */
const LOCAL_DEVELOPER = "the local developer (`MERIDIAN_DEV_USER`, default `dev@meridian.local`)";

const description = `The JSON API of Meridian, the internal developer portal. Prose guide: docs/API.md.

**Authentication.** In production every request comes through Google Cloud's Identity-Aware Proxy, which adds a signed \`${IAP_ASSERTION_HEADER}\` header naming the signed-in person; requests without a valid assertion get 401. Call the API through IAP (a browser session, or an OIDC ID token for IAP's OAuth client in \`Authorization: Bearer\`); do not set the header yourself. In the embedded (local) mode there is no IAP: every request acts as ${LOCAL_DEVELOPER} unless the \`${DEV_USER_COOKIE}\` cookie names someone else; \`POST /api/dev/session\` sets it.

**Errors.** Every error is \`{ "error": { "code", "message", "issues"? } }\` (schema \`ErrorBody\`). Invalid path or query parameters give 400, an invalid JSON body 422; \`issues[]\` names each bad \`field\` (\`params.name\`, \`query.kind\`, \`body.lifecycle\`) and the \`rule\` it breaks.

**Cross-site requests.** A mutation (any method but GET, HEAD, OPTIONS) that a browser sends on behalf of another site is refused with 403: when \`Sec-Fetch-Site\` is present and not \`same-origin\` or \`none\`, or \`Origin\` is present and its host is not the portal's. Clients that send neither header (curl, scripts) are not affected.`;

const securitySchemes = () => ({
  iap: {
    type: "apiKey",
    in: "header",
    name: IAP_ASSERTION_HEADER,
    description:
      "Production mode. The signed JWT that Google Cloud's Identity-Aware Proxy adds to each request it lets through; the portal verifies its signature, issuer and audience and takes the email from it. Clients authenticate to IAP, not to the portal.",
  },
  devUser: {
    type: "apiKey",
    in: "cookie",
    name: DEV_USER_COOKIE,
    description: `Embedded mode only, and optional: the email to act as, set by \`POST /api/dev/session\`. Without it every request acts as ${LOCAL_DEVELOPER}. Ignored in production.`,
  },
});

/** The OpenAPI 3.1 document of the JSON API. */
export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: "3.1.1",
    info: { title: "Meridian API", version: API_VERSION, description },
    servers: [{ url: "/", description: "The portal itself" }],
    tags: apiTags(),
    security: [{ iap: [] }, { devUser: [] }],
    paths: apiPaths(),
    components: {
      schemas: componentSchemas(),
      parameters: pathParameterComponents(),
      responses: errorResponseComponents(),
      securitySchemes: securitySchemes(),
    },
  };
}
