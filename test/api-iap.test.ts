import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import {
  createIapSigner,
  iapClaims,
  startIapKeyServer,
  unsecuredToken,
  type IapKeyServer,
} from "./support/iap-keys";

// The production mode through the real route handlers: identity comes only from a signed IAP
// assertion (served by a local key server), and the dev user switch does not exist. Vitest runs
// each file in its own process, so this file's env (read once per process) is production's.
// Production needs PostgreSQL: a fresh database on DATABASE_URL's server, or the local one.

const AUDIENCE = "/projects/123456789/global/backendServices/987654321";
const LINUS = { sub: "accounts.google.com:1001", email: "linus@meridian.dev" }; // checkout + growth
const BOSS = { sub: "accounts.google.com:1002", email: "boss@example.com" }; // unknown to the catalog, admin by MERIDIAN_ADMINS

let keys: IapKeyServer;
let portal: PortalEnvironment;
let me: typeof import("@/app/api/me/route");
let service: typeof import("@/app/api/services/[name]/route");
let activity: typeof import("@/app/api/services/[name]/activity/route");
let devSession: typeof import("@/app/api/dev/session/route");
let health: typeof import("@/app/api/health/route");

beforeAll(async () => {
  keys = await startIapKeyServer({ audience: AUDIENCE });
  portal = await preparePortalEnvironment(
    {
      MERIDIAN_MODE: "production",
      MERIDIAN_METRICS: "embedded",
      MERIDIAN_EVENT_BUS: "embedded",
      MERIDIAN_ARCHIVE: "embedded",
      MERIDIAN_SEED_DEMO: "true",
      MERIDIAN_ADMINS: BOSS.email,
      IAP_AUDIENCE: AUDIENCE,
      IAP_JWKS_URL: keys.jwksUrl,
    },
    process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  me = await import("@/app/api/me/route");
  service = await import("@/app/api/services/[name]/route");
  activity = await import("@/app/api/services/[name]/activity/route");
  devSession = await import("@/app/api/dev/session/route");
  health = await import("@/app/api/health/route");
  await (await import("@/server/db/client")).getDb();
});

afterAll(async () => {
  await portal?.dispose();
  await keys?.close();
});

const iap = async (claims = LINUS) => ({ "x-goog-iap-jwt-assertion": await keys.sign(claims) });
const now = () => Math.floor(Date.now() / 1000);

async function state(name: string) {
  const headers = await iap();
  const detail = await call(service.GET, `/api/services/${name}`, { headers }, { name });
  const log = await call(activity.GET, `/api/services/${name}/activity`, { headers }, { name });
  expect(detail.status).toBe(200);
  return {
    description: detail.body.description,
    updatedAt: detail.body.updatedAt,
    audit: log.body.items.length,
  };
}

describe("production identity (IAP)", () => {
  it("GET /api/health reports production mode on PostgreSQL", async () => {
    expect(await (await health.GET()).json()).toMatchObject({
      status: "ok",
      mode: "production",
      database: { kind: "postgres", status: "ok" },
    });
  });

  it("a valid assertion: 200 and the actor is the token's email, with their teams", async () => {
    const { status, body } = await call(me.GET, "/api/me", { headers: await iap() });
    expect(status).toBe(200);
    expect(body).toEqual({
      email: "linus@meridian.dev",
      name: "Linus Moreau",
      isAdmin: false,
      teams: ["checkout", "growth"],
    });
  });

  it("someone unknown to the catalog but listed in MERIDIAN_ADMINS is an admin", async () => {
    const { body } = await call(me.GET, "/api/me", { headers: await iap(BOSS) });
    expect(body).toEqual({ email: "boss@example.com", name: "boss", isAdmin: true, teams: [] });
  });

  it("a valid assertion may PATCH its own team's service, audited as the token's email", async () => {
    const { status } = await call(
      service.PATCH,
      "/api/services/checkout-api",
      { method: "PATCH", headers: await iap(), json: { description: "Via IAP." } },
      { name: "checkout-api" },
    );
    expect(status).toBe(200);
    const log = await call(
      activity.GET,
      "/api/services/checkout-api/activity",
      { headers: await iap() },
      { name: "checkout-api" },
    );
    expect(log.body.items[0]).toMatchObject({ actor: "linus@meridian.dev", action: "service.update" });
  });

  it("the dev cookie is ignored: the assertion decides who you are", async () => {
    const { body } = await call(me.GET, "/api/me", {
      headers: { ...(await iap()), cookie: "meridian_dev_user=ada%40meridian.dev" },
    });
    expect(body.email).toBe("linus@meridian.dev");
  });

  const rejected: [string, () => Promise<Record<string, string>>][] = [
    ["no assertion", async () => ({})],
    ["only a dev cookie", async () => ({ cookie: "meridian_dev_user=ada%40meridian.dev" })],
    [
      "an expired assertion",
      async () => ({
        "x-goog-iap-jwt-assertion": await keys.sign({ ...LINUS, iat: now() - 1200, exp: now() - 600 }),
      }),
    ],
    [
      "a wrong audience",
      async () => ({
        "x-goog-iap-jwt-assertion": await keys.sign({
          ...LINUS,
          aud: "/projects/1/global/backendServices/2",
        }),
      }),
    ],
    ["alg none", async () => ({ "x-goog-iap-jwt-assertion": unsecuredToken(iapClaims(AUDIENCE, LINUS)) })],
    [
      "an unknown signing key",
      async () => ({
        "x-goog-iap-jwt-assertion": await (await createIapSigner({ audience: AUDIENCE })).sign(LINUS),
      }),
    ],
    ["garbage", async () => ({ "x-goog-iap-jwt-assertion": "not-a-jwt" })],
  ];

  it.each(rejected)("%s: GET /api/me is 401", async (_label, headers) => {
    const { status, body } = await call(me.GET, "/api/me", { headers: await headers() });
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
  });

  it.each(rejected)("%s: PATCH is 401 and nothing changes", async (_label, headers) => {
    const before = await state("checkout-api");
    const { status } = await call(
      service.PATCH,
      "/api/services/checkout-api",
      { method: "PATCH", headers: await headers(), json: { description: "unauthenticated edit" } },
      { name: "checkout-api" },
    );
    expect(status).toBe(401);
    expect(await state("checkout-api")).toEqual(before);
  });
});

describe("the dev user switch in production", () => {
  it("POST /api/dev/session is 404 and sets no cookie", async () => {
    const { status, body, headers } = await call(devSession.POST, "/api/dev/session", {
      method: "POST",
      headers: await iap(),
      json: { email: "ada@meridian.dev" },
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(headers.get("set-cookie")).toBeNull();
  });

  it("GET /api/dev/session is 404", async () => {
    expect((await call(devSession.GET, "/api/dev/session", { headers: await iap() })).status).toBe(404);
  });

  it("without an assertion the switch is 401 (authentication comes first)", async () => {
    expect(
      (
        await call(devSession.POST, "/api/dev/session", {
          method: "POST",
          json: { email: "ada@meridian.dev" },
        })
      ).status,
    ).toBe(401);
  });
});
