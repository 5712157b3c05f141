import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { createScratchPostgres, type ScratchPostgres } from "./test-db";

// Drives the real app/api route handlers in-process. The portal's database (getDb) and
// environment (env) are per-process singletons read from process.env, so configure them
// here BEFORE the first dynamic import of a route module.

export const BASE = "http://localhost:3000";

type RouteHandler = (
  request: NextRequest,
  context: { params?: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

// Response bodies are checked field by field with expect(); typing every shape here adds nothing.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls a route handler the way Next.js does (a route without dynamic segments gets no `params`:
 * pass none for it), and reads the JSON answer.
 */
export async function call<T = any>(
  handler: RouteHandler,
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    json?: unknown;
  } = {},
  params?: Record<string, string>,
): Promise<ApiResponse<T>> {
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const headers = new Headers(init.headers);
  let body: string | Uint8Array | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new NextRequest(new URL(url, BASE), {
    method: init.method ?? "GET",
    headers,
    body: body as BodyInit | undefined,
  });
  const response = await handler(request, { params: params && Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export interface PortalEnvironment {
  /** Closes the portal's database and removes what was created; restores process.env. */
  dispose(): Promise<void>;
}

/**
 * Points this process's portal at a fresh database: a new PostgreSQL database on the server
 * `postgresAdminUrl` names (defaults to DATABASE_URL), else PGlite in a fresh temporary directory.
 */
export async function preparePortalEnvironment(
  vars: Record<string, string | undefined>,
  postgresAdminUrl: string | undefined = process.env.DATABASE_URL,
): Promise<PortalEnvironment> {
  const saved = { ...process.env };
  let scratch: ScratchPostgres | undefined;
  let dataDir: string | undefined;
  if (postgresAdminUrl) {
    scratch = await createScratchPostgres(postgresAdminUrl);
    process.env.DATABASE_URL = scratch.url;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-api-test-"));
    delete process.env.DATABASE_URL;
    process.env.MERIDIAN_DATA_DIR = dataDir;
  }
  for (const key of [
    "MERIDIAN_MODE",
    "MERIDIAN_DEV_USER",
    "MERIDIAN_ADMINS",
    "MERIDIAN_SEED_DEMO",
    "IAP_AUDIENCE",
    "IAP_JWKS_URL",
    "IAP_ISSUER",
  ])
    delete process.env[key];
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return {
    async dispose() {
      const { closeDb } = await import("@/server/db/client");
      await closeDb();
      await scratch?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    },
  };
}
