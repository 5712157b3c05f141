import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError, type FieldIssue } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import { authenticate, loadActor } from "@/server/services/identity/actor";
import { assertSameOrigin } from "./same-origin";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType<infer O> ? O : undefined;

interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> {
  params?: P;
  query?: Q;
  body?: B;
  /** Runs after authentication and before validation, e.g. to hide a route that does not exist in this mode. */
  guard?: () => void;
}

export interface RouteContext<P, Q, B> {
  request: NextRequest;
  /** The verified email of the caller. */
  email: string;
  /** The caller with teams and admin flag, loaded on first use (reads do not pay for it). */
  actor: () => Promise<Actor>;
  params: P;
  query: Q;
  body: B;
}

type Handler<P, Q, B> = (ctx: RouteContext<P, Q, B>) => Promise<unknown>;

/**
 * The one wrapper every API handler goes through: it authenticates, refuses cross-site
 * mutations, validates params, query and body with zod (400/422 naming the field and the rule)
 * and maps errors to the JSON error shape. Authorisation is the service's job (`authorize`),
 * because it depends on the resource.
 */
export function apiRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>, handler: Handler<Out<P>, Out<Q>, Out<B>>) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      const email = await authenticate({
        headers: request.headers,
        cookie: (n) => request.cookies.get(n)?.value,
      });
      let loaded: Promise<Actor> | undefined;
      const actor = () => (loaded ??= loadActor(email));
      assertSameOrigin(request);
      spec.guard?.();
      const params = parse(spec.params, await context.params, "params", "bad_request");
      const query = parse(spec.query, queryObject(request.nextUrl.searchParams), "query", "bad_request");
      const body = spec.body ? parse(spec.body, await readJson(request), "body", "unprocessable") : undefined;
      const result = await handler({ request, email, actor, params, query, body } as RouteContext<
        Out<P>,
        Out<Q>,
        Out<B>
      >);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(error.toBody(), { status: error.status });
  console.error("[meridian] unhandled error in API route", error);
  return Response.json(
    new AppError("internal", "Something went wrong on our side; it has been logged").toBody(),
    { status: 500 },
  );
}

function parse<S extends Schema | undefined>(
  schema: S,
  value: unknown,
  where: string,
  code: "bad_request" | "unprocessable",
): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data as Out<S>;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    // A query parameter is named whole (`query.kind`, not the index inside its comma list).
    field: [
      where,
      ...(issue.code === "unrecognized_keys"
        ? [issue.keys.join(",")]
        : where === "query"
          ? issue.path.slice(0, 1).map(String)
          : issue.path.map(String)),
    ].join("."),
    rule: issue.code === "unrecognized_keys" ? "is not a known parameter" : issue.message,
  }));
  const summary = issues.map((i) => `${i.field} ${i.rule}`).join("; ");
  throw new AppError(code, `Invalid ${where}: ${summary}`, issues);
}

/** Repeated keys (`?kind=http&kind=cron`) are joined with commas, the form the schemas accept. */
function queryObject(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(",");
  return out;
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json"))
    throw new AppError("bad_request", "Request body must be JSON (Content-Type: application/json)", [
      { field: "body", rule: "must be application/json" },
    ]);
  try {
    return await request.json();
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON", [
      { field: "body", rule: "must be valid JSON" },
    ]);
  }
}
