import { buildOpenApiDocument } from "@/lib/openapi";
import { apiRoute } from "@/server/http/api-route";

/** The OpenAPI 3.1 description of this API (docs/API.md is the prose guide). */
export const GET = apiRoute({}, async () => buildOpenApiDocument());
