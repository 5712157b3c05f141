import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { catalogQuery } from "@/lib/catalog";
import { DEV_USER_COOKIE, IAP_ASSERTION_HEADER } from "@/lib/identity";
import { buildOpenApiDocument, type OpenApiMethod } from "@/lib/openapi";
import { devSessionSchema, errorBodySchema, healthSchema } from "@/lib/openapi/response-schemas";
import type { Health } from "@/server/services/health/check-health";
import type { listDevUsers } from "@/server/services/identity/dev-users";

// Shapes declared under server/ (which lib/ may not import) are checked against their mirrors here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _serverShapes: {
  health: Same<z.infer<typeof healthSchema>, Health>;
  devUsers: Same<z.infer<typeof devSessionSchema>["users"], Awaited<ReturnType<typeof listDevUsers>>>;
} = { health: true, devUsers: true };
void _serverShapes;

const root = path.resolve(import.meta.dirname, "..");
const apiDir = path.join(root, "app/api");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** Every `app/api/**\/route.ts` as an OpenAPI path (`[name]` → `{name}`) with the methods it exports. */
function discoverRoutes(): { path: string; file: string; methods: OpenApiMethod[] }[] {
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter(
    (f) => path.basename(f) === "route.ts",
  );
  return files.map((file) => {
    const segments = path
      .dirname(file)
      .split(path.sep)
      .filter((s) => s !== ".");
    const urlPath = ["/api", ...segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
    const text = readFileSync(path.join(apiDir, file), "utf8");
    const methods = METHODS.filter((m) =>
      new RegExp(
        `export\\s+(?:const\\s+${m}\\b|(?:async\\s+)?function\\s+${m}\\b|\\{[^}]*\\b${m}\\b[^}]*\\})`,
      ).test(text),
    ).map((m) => m.toLowerCase() as OpenApiMethod);
    return { path: urlPath, file: path.join("app/api", file), methods };
  });
}

/** Resolves a local JSON pointer (`#/components/schemas/X`) in the document. */
function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node !== null && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  return out;
}

const deref = <T>(doc: unknown, node: T): T => {
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === "string" ? (resolvePointer(doc, ref) as T) : node;
};

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is OpenAPI 3.1 with info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    // What the route serves must survive JSON.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("resolves every $ref within itself", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    const dangling = refs.filter((ref) => resolvePointer(doc, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it("carries no JSON Schema document keywords inside components", () => {
    for (const [id, schema] of Object.entries(doc.components.schemas)) {
      expect(schema.$schema, id).toBeUndefined();
      expect(schema.$id, id).toBeUndefined();
    }
  });

  it("documents every route under app/api and every method it exports", () => {
    const routes = discoverRoutes();
    expect(routes.map((r) => r.path)).toContain("/api/openapi.json");
    const missing: string[] = [];
    for (const route of routes) {
      expect(
        route.methods.length,
        `${route.file} exports no HTTP method the test recognises`,
      ).toBeGreaterThan(0);
      for (const method of route.methods)
        if (!doc.paths[route.path]?.[method])
          missing.push(`${method.toUpperCase()} ${route.path} (${route.file})`);
    }
    expect(missing).toEqual([]);
  });

  it("documents no path or method that no route serves", () => {
    const served = new Set(discoverRoutes().flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m} ${p}`),
    );
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it("gives each operation a unique id, a success response and its path parameters", () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect(ids.has(op.operationId), `${where}: duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(
          Object.keys(op.responses).some((s) => s.startsWith("2")),
          where,
        ).toBe(true);
        const pathParams = (op.parameters ?? [])
          .map((param) => deref(doc, param))
          .filter((param) => param.in === "path");
        const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(pathParams.map((param) => param.name).sort(), where).toEqual(templated.sort());
      }
  });

  it("documents the identity errors on every endpoint but the health probe", () => {
    expect(doc.paths["/api/health"]?.get?.security).toEqual([]);
    for (const [p, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        if (p === "/api/health") continue;
        expect(Object.keys(op.responses), `${method.toUpperCase()} ${p}`).toEqual(
          expect.arrayContaining(["401", "500"]),
        );
      }
  });

  it("lists every catalogQuery parameter, with a description, for GET /api/services", () => {
    const params = (doc.paths["/api/services"]?.get?.parameters ?? []).map((param) => deref(doc, param));
    const query = params.filter((param) => param.in === "query");
    expect(query.map((param) => param.name).sort()).toEqual(Object.keys(catalogQuery.shape).sort());
    for (const param of query) expect(param.description, String(param.name)).toEqual(expect.any(String));
  });

  it("takes PATCH /api/services/{name}'s body from serviceUpdate", () => {
    const body = doc.paths["/api/services/{name}"]?.patch?.requestBody as {
      content: Record<string, { schema: unknown }>;
    };
    const schema = deref(doc, body.content["application/json"]!.schema) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties).sort()).toEqual(["description", "lifecycle", "product"]);
  });

  it("has error examples that are valid ErrorBody values with matching codes", () => {
    for (const [status, ref] of [
      ["400", "BadRequest"],
      ["401", "Unauthenticated"],
      ["403", "Forbidden"],
      ["404", "NotFound"],
      ["422", "Unprocessable"],
      ["500", "Internal"],
    ] as const) {
      const response = doc.components.responses[ref] as {
        content: { "application/json": { example: unknown } };
      };
      const example = errorBodySchema.parse(response.content["application/json"].example);
      expect(example.error.code, status).toBe(
        {
          "400": "bad_request",
          "401": "unauthenticated",
          "403": "forbidden",
          "404": "not_found",
          "422": "unprocessable",
          "500": "internal",
        }[status],
      );
    }
  });

  it("documents the identity header and the dev cookie", () => {
    expect(doc.components.securitySchemes.iap).toMatchObject({
      type: "apiKey",
      in: "header",
      name: IAP_ASSERTION_HEADER,
    });
    expect(doc.components.securitySchemes.devUser).toMatchObject({ in: "cookie", name: DEV_USER_COOKIE });
  });
});
