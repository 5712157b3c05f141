import { expect, test } from "@playwright/test";
import { productionPortal as prod } from "./production-portal";
import { startIapKeyServer, type IapKeyServer } from "../test/support/iap-keys";

// The production-mode portal (PostgreSQL + Identity-Aware Proxy) started by playwright.config.ts:
// nothing is served without a valid IAP assertion.
const base = `http://127.0.0.1:${prod.port}`;
let keys: IapKeyServer;

test.beforeAll(async () => {
  keys = await startIapKeyServer({ audience: prod.audience, port: prod.keysPort });
});
test.afterAll(() => keys.close());

const grace = { sub: "accounts.google.com:1002", email: "grace@meridian.dev" };

test("without an IAP assertion pages and the API answer 401", async ({ request }) => {
  const page = await request.get(`${base}/`);
  expect(page.status()).toBe(401);
  expect(await page.text()).not.toContain("Service catalog");
  const api = await request.get(`${base}/api/services`);
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthenticated");
  // The health probe stays open for Cloud Run and the load balancer.
  expect((await request.get(`${base}/api/health`)).status()).toBe(200);
});

test("an expired or foreign-audience assertion is refused", async ({ request }) => {
  const now = Math.floor(Date.now() / 1000);
  const expired = await keys.sign({ ...grace, iat: now - 1200, exp: now - 600 });
  expect((await request.get(`${base}/`, { headers: { "x-goog-iap-jwt-assertion": expired } })).status()).toBe(
    401,
  );
  const foreign = await keys.sign({ ...grace, aud: "/projects/1/global/backendServices/2" });
  expect(
    (await request.get(`${base}/api/me`, { headers: { "x-goog-iap-jwt-assertion": foreign } })).status(),
  ).toBe(401);
});

test("with a valid assertion the catalog is served to that person, with no dev user switch", async ({
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-goog-iap-jwt-assertion": await keys.sign(grace) },
  });
  const page = await context.newPage();
  const response = await page.goto(`${base}/`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Service catalog" })).toBeVisible();
  await expect(page.getByText("Grace Lindqvist")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Act as" })).toHaveCount(0);
  expect(
    (await context.request.post(`${base}/api/dev/session`, { data: { email: "ada@meridian.dev" } })).status(),
  ).toBe(404);
  await context.close();
});
