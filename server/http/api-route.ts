import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError, type FieldIssue } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import { telemetry } from "@/server/integrations/telemetry/telemetry";
import { log, type Severity, writeLog } from "@/server/observability/logger";
import { runWithRequestContext, traceFromHeaders } from "@/server/observability/request-context";
import { authenticate, loadActor } from "@/server/services/identity/actor";
import { routePattern } from "./route-pattern";
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

/** What Next.js passes a route handler: `params` only for a route with dynamic segments. */
interface NextRouteContext {
  params?: Promise<Record<string, string | string[]>>;
}

/**
 * The one wrapper every API handler goes through: it authenticates, refuses cross-site
 * mutations, validates params, query and body with zod (400/422 naming the field and the rule)
 * and maps errors to the JSON error shape. Authorisation is the service's job (`authorize`),
 * because it depends on the resource. Each request is one span (when telemetry is on), one
 * `x-request-id` response header and one log line on completion (`logRequest`).
 */
export function apiRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>, handler: Handler<Out<P>, Out<Q>, Out<B>>) {
  return async (request: NextRequest, context: NextRouteContext) => {
    const started = performance.now();
    const requestId = requestIdOf(request.headers);
    const route = routePattern(
      request.nextUrl.pathname,
      (await context.params?.catch(() => undefined)) ?? {},
    );
    return telemetry().inRequestSpan({ method: request.method, route, headers: request.headers }, (span) =>
      runWithRequestContext(
        { requestId, trace: span.trace ?? traceFromHeaders(request.headers) },
        async () => {
          const outcome: Outcome = { email: undefined, error: undefined };
          let response = await handle(request, context, outcome);
          response = withHeader(response, "x-request-id", requestId);
          span.end(response.status, outcome.error);
          logRequest(request, route, response.status, performance.now() - started, outcome);
          return response;
        },
      ),
    );
  };

  async function handle(
    request: NextRequest,
    context: NextRouteContext,
    outcome: Outcome,
  ): Promise<Response> {
    try {
      const email = await authenticate({
        headers: request.headers,
        cookie: (n) => request.cookies.get(n)?.value,
      });
      outcome.email = email;
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
      outcome.error = error;
      return toErrorResponse(error);
    }
  }
}

interface Outcome {
  email: string | undefined;
  error: unknown;
}

/** The error's JSON answer; an unexpected error is logged (scrubbed) before the generic 500. */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError)) log.error("unhandled error in API route", error);
  return toErrorResponse(error);
}

function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(error.toBody(), { status: error.status });
  return Response.json(
    new AppError("internal", "Something went wrong on our side; it has been logged").toBody(),
    { status: 500 },
  );
}

// A caller's id is taken when it is short and plain (it ends up in logs and a response header).
const REQUEST_ID = /^[\w.:/=+-]{1,128}$/;

/** The caller's `x-request-id`, else the trace id of Google's front end, else a new one. */
function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id")?.trim();
  if (given && REQUEST_ID.test(given)) return given;
  const cloudTrace = /^([\da-f]{32})\b/i.exec(headers.get("x-cloud-trace-context")?.trim() ?? "")?.[1];
  return cloudTrace ?? randomUUID();
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a fetched response passed through): copy them into a new response.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * One line per request, on completion: who, which route, what came of it, how long it took (for a
 * stream, until its head was sent). Never the body or the query string; an unexpected error with
 * its stack, an expected one with its code and message.
 */
function logRequest(request: NextRequest, route: string, status: number, ms: number, outcome: Outcome) {
  const { error } = outcome;
  const unexpected = error !== undefined && !(error instanceof AppError);
  const severity: Severity = status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO";
  const summary = `${request.method} ${route} ${status}`;
  writeLog(severity, unexpected ? `unhandled error in API route: ${summary}` : summary, {
    httpRequest: {
      requestMethod: request.method,
      requestUrl: request.nextUrl.pathname,
      status,
      latency: `${(ms / 1000).toFixed(3)}s`,
      ...(request.headers.get("user-agent") ? { userAgent: request.headers.get("user-agent") } : {}),
    },
    ...(outcome.email ? { user: outcome.email } : {}),
    route,
    method: request.method,
    status,
    latencyMs: Math.round(ms * 10) / 10,
    ...(error instanceof AppError
      ? { error: { code: error.code, message: error.message } }
      : unexpected
        ? { error }
        : {}),
  });
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
