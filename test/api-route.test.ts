import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoServices } from "@/prisma/demo/fleet";
import { BASE, call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The embedded mode, end to end through the real route handlers: dev identity, validation,
// CSRF refusal, authorisation and error mapping, on a fresh seeded database.

let portal: PortalEnvironment;
let services: typeof import("@/app/api/services/route");
let service: typeof import("@/app/api/services/[name]/route");
let activity: typeof import("@/app/api/services/[name]/activity/route");
let me: typeof import("@/app/api/me/route");
let devSession: typeof import("@/app/api/dev/session/route");
let health: typeof import("@/app/api/health/route");

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  services = await import("@/app/api/services/route");
  service = await import("@/app/api/services/[name]/route");
  activity = await import("@/app/api/services/[name]/activity/route");
  me = await import("@/app/api/me/route");
  devSession = await import("@/app/api/dev/session/route");
  health = await import("@/app/api/health/route");
  // Open, migrate and seed now, under the hook timeout rather than the first test's.
  await (await import("@/server/db/client")).getDb();
});

afterAll(() => portal?.dispose());

const getService = (name: string, headers?: Record<string, string>) =>
  call(service.GET, `/api/services/${name}`, { headers }, { name });
const patchService = (name: string, init: Parameters<typeof call>[2]) =>
  call(service.PATCH, `/api/services/${name}`, { method: "PATCH", ...init }, { name });
const auditCount = async (name: string) =>
  (await call(activity.GET, `/api/services/${name}/activity`, {}, { name })).body.items.length;

/** Snapshot of what a refused request must leave untouched. */
async function state(name: string) {
  const { body } = await getService(name);
  return {
    description: body.description,
    product: body.product,
    lifecycle: body.lifecycle,
    updatedAt: body.updatedAt,
    audit: await auditCount(name),
  };
}

describe("embedded portal API", () => {
  it("GET /api/health reports the database as ok", async () => {
    const response = await health.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      mode: "embedded",
      database: { status: "ok" },
    });
  });

  it("GET /api/me is the default dev user, a member of checkout", async () => {
    const { status, body } = await call(me.GET, "/api/me");
    expect(status).toBe(200);
    expect(body).toEqual({
      email: "dev@meridian.local",
      name: "Local Developer",
      isAdmin: false,
      teams: ["checkout"],
    });
  });

  it("GET /api/services lists the seeded fleet", async () => {
    const { status, body } = await call(services.GET, "/api/services");
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(12);
    expect(body.items.length).toBe(body.total);
    expect(body.items.map((s: { name: string }) => s.name)).toContain("checkout-api");
  });

  it("GET /api/services applies query filters, including repeated keys", async () => {
    const { status, body } = await call(
      services.GET,
      "/api/services?kind=cron&kind=github-bot&team=platform&pageSize=1",
    );
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    const want = demoServices.filter((s) => s.team === "platform" && ["cron", "github-bot"].includes(s.kind));
    expect(want.length).toBeGreaterThan(1);
    expect(body.total).toBe(want.length);
    expect(["github-bot", "cron"]).toContain(body.items[0].kind);
  });

  it.each([
    ["kind=nope", "query.kind"],
    ["page=0", "query.page"],
    ["pageSize=500", "query.pageSize"],
    ["kind=http,nope", "query.kind"],
    ["sort=size", "query.sort"],
    ["colour=blue", "query.colour"],
  ])("GET /api/services?%s is 400 naming %s", async (search, field) => {
    const { status, body } = await call(services.GET, `/api/services?${search}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.issues).toEqual([expect.objectContaining({ field })]);
    expect(body.error.message).toContain(field);
  });

  it("an unknown query parameter is called out as such", async () => {
    const { body } = await call(services.GET, "/api/services?colour=blue");
    expect(body.error.issues).toEqual([{ field: "query.colour", rule: "is not a known parameter" }]);
  });

  it("GET /api/services/checkout-api returns the service detail", async () => {
    const { status, body } = await getService("checkout-api");
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "checkout-api", team: { name: "checkout" }, kind: "http" });
  });

  it("GET an unknown service is a 404 JSON error", async () => {
    const { status, body } = await getService("no-such-service");
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining("no-such-service"),
    });
  });

  it("GET a malformed name is 400 naming params.name", async () => {
    const { status, body } = await getService("Bad_Name");
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([expect.objectContaining({ field: "params.name" })]);
  });
});

describe("PATCH /api/services/:name", () => {
  it("the dev user changes their own team's service: 200, persisted, audited as them", async () => {
    const audit = await auditCount("checkout-api");
    const { status, body } = await patchService("checkout-api", {
      json: { description: "Edited through the API." },
    });
    expect(status).toBe(200);
    expect(body.description).toBe("Edited through the API.");
    expect((await getService("checkout-api")).body.description).toBe("Edited through the API.");
    const log = await call(activity.GET, "/api/services/checkout-api/activity", {}, { name: "checkout-api" });
    expect(log.body.items).toHaveLength(audit + 1);
    expect(log.body.items[0]).toMatchObject({ actor: "dev@meridian.local", action: "service.update" });
  });

  it("on another team's (growth) service: 403 and unchanged", async () => {
    const before = await state("recommendations-api");
    const { status, body } = await patchService("recommendations-api", { json: { description: "hijacked" } });
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
    expect(await state("recommendations-api")).toEqual(before);
  });

  it("from another site's Origin: 403 and unchanged", async () => {
    const before = await state("checkout-api");
    const { status, body } = await patchService("checkout-api", {
      headers: { origin: "https://evil.example", host: "localhost:3000" },
      json: { description: "csrf" },
    });
    expect(status).toBe(403);
    expect(body.error.message).toContain("evil.example");
    expect(await state("checkout-api")).toEqual(before);
  });

  it("with Sec-Fetch-Site: cross-site: 403 and unchanged", async () => {
    const before = await state("checkout-api");
    const { status } = await patchService("checkout-api", {
      headers: { "sec-fetch-site": "cross-site" },
      json: { description: "csrf" },
    });
    expect(status).toBe(403);
    expect(await state("checkout-api")).toEqual(before);
  });

  it("from the portal's own origin: allowed", async () => {
    const { status } = await patchService("checkout-api", {
      headers: { origin: BASE, host: "localhost:3000", "sec-fetch-site": "same-origin" },
      json: { product: "storefront" },
    });
    expect(status).toBe(200);
  });

  it("with an invalid body: 422 naming body.product, unchanged", async () => {
    const before = await state("checkout-api");
    const { status, body } = await patchService("checkout-api", { json: { product: "Bad Product!" } });
    expect(status).toBe(422);
    expect(body.error.code).toBe("unprocessable");
    expect(body.error.issues).toEqual([expect.objectContaining({ field: "body.product" })]);
    expect(await state("checkout-api")).toEqual(before);
  });

  it("with nothing to change: 422, and no audit entry", async () => {
    const before = await state("checkout-api");
    const entries = await auditCount("checkout-api");
    const { status, body } = await patchService("checkout-api", { json: {} });
    expect(status).toBe(422);
    expect(body.error.message).toContain("must change at least one of description, product, lifecycle");
    expect(await state("checkout-api")).toEqual(before);
    expect(await auditCount("checkout-api")).toBe(entries);
  });

  it("with a field that cannot be changed: 422", async () => {
    const { status, body } = await patchService("checkout-api", { json: { team: "growth" } });
    expect(status).toBe(422);
    expect(body.error.issues[0].field).toBe("body.team");
  });

  it.each([
    ["a non-JSON content type", { headers: { "content-type": "text/plain" }, body: "description=x" }],
    ["malformed JSON", { headers: { "content-type": "application/json" }, body: "{description:" }],
  ])("with %s: 400 naming body", async (_label, init) => {
    const before = await state("checkout-api");
    const { status, body } = await patchService("checkout-api", init);
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([expect.objectContaining({ field: "body" })]);
    expect(await state("checkout-api")).toEqual(before);
  });
});

describe("the dev user switch", () => {
  const asGrace = { cookie: "meridian_dev_user=grace%40meridian.dev" };

  it("POST /api/dev/session sets the cookie", async () => {
    const { status, body, headers } = await call(devSession.POST, "/api/dev/session", {
      method: "POST",
      json: { email: "Grace@Meridian.dev" },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ email: "grace@meridian.dev" });
    expect(headers.get("set-cookie")).toMatch(/^meridian_dev_user=grace%40meridian\.dev;.*HttpOnly/);
  });

  it("POST /api/dev/session refuses a non-email", async () => {
    const { status, body } = await call(devSession.POST, "/api/dev/session", {
      method: "POST",
      json: { email: "grace" },
    });
    expect(status).toBe(422);
    expect(body.error.issues[0].field).toBe("body.email");
  });

  it("a request carrying the cookie acts as grace", async () => {
    const { body } = await call(me.GET, "/api/me", { headers: asGrace });
    expect(body).toMatchObject({ email: "grace@meridian.dev", teams: ["fulfilment"], isAdmin: false });
  });

  it("grace may change a fulfilment service, and the audit names her", async () => {
    const { status } = await patchService("warehouse-sync", {
      headers: asGrace,
      json: { description: "Every 10 minutes now." },
    });
    expect(status).toBe(200);
    const log = await call(
      activity.GET,
      "/api/services/warehouse-sync/activity",
      {},
      { name: "warehouse-sync" },
    );
    expect(log.body.items[0]).toMatchObject({ actor: "grace@meridian.dev" });
  });

  it("grace may not change checkout's services", async () => {
    const before = await state("checkout-api");
    expect(
      (await patchService("checkout-api", { headers: asGrace, json: { description: "x" } })).status,
    ).toBe(403);
    expect(await state("checkout-api")).toEqual(before);
  });

  it("GET /api/dev/session lists the people one can act as", async () => {
    const { status, body } = await call(devSession.GET, "/api/dev/session", { headers: asGrace });
    expect(status).toBe(200);
    expect(body.current).toBe("grace@meridian.dev");
    expect(body.users.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(["dev@meridian.local", "ada@meridian.dev"]),
    );
  });
});
