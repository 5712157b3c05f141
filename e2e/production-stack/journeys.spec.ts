import { expect, test, type Page } from "@playwright/test";
import { createIapSigner } from "../../test/support/iap-keys";
import { observedMessages, people, signedInContext, stackState } from "./helpers";
import { seeded, SEEDED_SERVICE } from "./seed";
import { archive, portalA, portalB, stack } from "./stack";

// The four journeys against the production stack (start.ts): two `next start` portals in
// production mode on one PostgreSQL database, GitHub, Cloud Monitoring, Pub/Sub and BigQuery each
// a local stand-in speaking the real protocol, identity from signed IAP assertions. What the
// portals did is checked in the stand-ins' own state (the launcher's control API), not only in
// the browser.

test("new service → preview → pull request: the run ends with one pull request on the GitHub double", async ({
  browser,
}) => {
  const name = `e2e-stack-${Math.random().toString(36).slice(2, 8)}`;
  // On portal B; the run is claimed by whichever replica's worker gets it first.
  const context = await signedInContext(browser, people.linus, portalB);
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "New service" }).click();
  await page.getByRole("list", { name: "Templates" }).getByRole("link", { name: "HTTP service" }).click();
  await page.getByLabel("Service name", { exact: true }).fill(name);
  await page.getByLabel("Owning team").selectOption("checkout");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/\?step=preview$/);
  const checks = page.getByTestId("preview-check");
  await expect(checks.first()).toBeVisible();
  await expect(checks.and(page.locator('[data-ok="false"]'))).toHaveCount(0);

  await page.getByRole("button", { name: "Open pull request" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "7", { timeout: 45_000 });
  await expect(page.locator("main header").getByText("Succeeded", { exact: true })).toBeVisible();
  const prLink = page.getByRole("link", { name: /^Open pull request #\d+/ });
  const number = Number((await prLink.textContent())!.match(/#(\d+)/)![1]);
  await expect(prLink).toHaveAttribute(
    "href",
    `https://github.com/${stack.github.owner}/${stack.github.repo}/pull/${number}`,
  );

  // The GitHub double's own state: exactly one pull request from one branch, with the files.
  const state = await stackState<{
    pulls: { number: number; title: string; head: string; base: string; state: string; files: string[] }[];
    branches: string[];
    installationTokenRequests: number;
    errors: string[];
  }>("/github/pulls?files");
  const mine = state.pulls.filter((p) => p.head.includes(name));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ number, base: "main", state: "open" });
  expect(mine[0]!.title).toContain(name);
  expect(mine[0]!.files).toEqual(
    expect.arrayContaining([`services/${name}/main.tf`, `services/${name}/meridian.lock.json`]),
  );
  expect(state.branches.filter((b) => b.includes(name))).toHaveLength(1);
  // Through the GitHub App: the portal exchanged its JWT for installation tokens.
  expect(state.installationTokenRequests).toBeGreaterThan(0);
  expect(state.errors).toEqual([]);

  // The other replica sees the service as "PR open" (one shared database).
  const service = await context.request.get(`${portalA}/api/services/${name}`);
  expect(service.status()).toBe(200);
  expect((await service.json()).lifecycle).toBe("pr-open");
  await context.close();
});

test("Health tab: the charts and region strip show the Cloud Monitoring double's numbers", async ({
  browser,
}) => {
  const context = await signedInContext(browser, people.linus, portalA);
  const page = await context.newPage();
  await page.goto(`/services/${SEEDED_SERVICE}`);

  const central = seeded["us-central1"]!;
  const strip = page.locator('ul[aria-label="Region health"] > li[data-region="us-central1"]');
  await expect(strip).toContainText(`${central.ok + central.errors} req/s`);
  await expect(strip).toContainText(`${central.p95} ms`);
  await expect(page.locator('ul[aria-label="Region health"] > li[data-region="europe-west1"]')).toContainText(
    `${seeded["europe-west1"]!.p95} ms`,
  );
  await expect(page.getByRole("img", { name: /^Request latency p95, 3 regions/ })).toBeVisible();

  // The API the charts draw from answers with the seeded series, from Cloud Monitoring.
  const dashboard = await context.request.get(`/api/services/${SEEDED_SERVICE}/dashboard?range=6h`);
  expect(dashboard.status()).toBe(200);
  const body = await dashboard.json();
  expect(body.source).toBe("cloud-monitoring");
  const p99 = body.sections
    .flatMap((s: { tiles: unknown[] }) => s.tiles)
    .find((t: { id: string }) => t.id === "latency-p99");
  const east = p99.series.find((s: { region: string }) => s.region === "us-east4");
  expect(new Set(east.points.map(([, v]: [number, number]) => v))).toEqual(
    new Set([seeded["us-east4"]!.p99]),
  );

  // And the double was asked, with the service's filter.
  const { filters } = await stackState<{ filters: string[] }>("/monitoring/requests");
  expect(filters.some((f) => f.includes(`resource.label.service_name="${SEEDED_SERVICE}"`))).toBe(true);
  await context.close();
});

test("live tail across replicas: an event published through portal B appears in portal A's tail", async ({
  browser,
}) => {
  const context = await signedInContext(browser, people.linus, portalA);
  const page = await context.newPage();
  await page.goto("/services/receipt-mailer/events");
  await expect(page.getByText("live", { exact: true })).toBeVisible();

  const id = `e2e-stack-${Date.now()}`;
  const published = await context.request.post(`${portalB}/api/events?region=us-east4`, {
    headers: {
      "ce-specversion": "1.0",
      "ce-id": id,
      "ce-type": "dev.meridian.payments.authorized",
      "ce-source": "//e2e/payments",
      "ce-subject": `charges/${id}`,
      "content-type": "application/json",
    },
    data: JSON.stringify({ chargeId: id, amount: { value: "12.00", currency: "EUR" } }),
  });
  expect(published.status(), await published.text()).toBe(202);

  const row = page.getByRole("table", { name: "Live tail" }).locator(`tr[data-event-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("us-east4");
  await expect(row).toContainText(`charges/${id}`);
  await row.click();
  await expect(page.getByLabel(`Event ${id}`)).toContainText(people.linus.email);

  // It went through Pub/Sub: the broker's us-east4 topic has it, stamped with the publisher.
  const message = (await observedMessages()).find((m) => m.attributes["ce-id"] === id);
  expect(message).toMatchObject({ region: "us-east4", attributes: { "ce-actor": people.linus.email } });
  await context.close();
});

test.describe("replay from the BigQuery archive", () => {
  const SERVICE = "inventory-service";

  /** The Replay tab with the seeded batch selected and estimated (the count comes from the double). */
  async function estimateSeededBatch(page: Page) {
    await page.goto(`/services/${SERVICE}/replay`);
    await expect(page.getByLabel("Event type")).toHaveValue(archive.type);
    await page.getByRole("button", { name: "Last 1 h" }).click();
    await page.getByLabel("Payload field").fill(`$.batch=${archive.batch}`);
    await page.getByRole("button", { name: "Estimate" }).click();
    const estimate = page.getByTestId("replay-estimate");
    await expect(estimate).toContainText(`${archive.batchSize} events`);
    await expect(estimate).toContainText("from the recorder's BigQuery tables");
    await page.getByText(`Sample (${archive.batchSize}) as CloudEvents`).click();
    await expect(
      page.getByText(`"order_id":"order-1001"`).or(page.getByText(`"order_id": "order-1001"`)),
    ).toBeVisible();
  }

  test("to the broker of one region (typed confirmation): 100%, and the events reach Pub/Sub marked as replayed", async ({
    browser,
  }) => {
    const context = await signedInContext(browser, people.grace, portalA);
    const tail = await context.newPage();
    await tail.goto(`/services/${SERVICE}/events`);
    await expect(tail.getByText("live", { exact: true })).toBeVisible();

    const page = await context.newPage();
    await estimateSeededBatch(page);
    await page.locator('input[type="radio"][name="target"]').nth(1).check();
    await page.getByLabel("Broker region").selectOption("europe-west1");
    const start = page.getByRole("button", { name: `Replay ${archive.batchSize} events` });
    await expect(start).toBeDisabled();
    await page.getByLabel(`Type ${SERVICE} to confirm`).fill(SERVICE);
    await start.click();

    await expect(page).toHaveURL(/\/replays\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("progressbar", { name: "Replay progress" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
    await expect(page.getByText("completed")).toBeVisible();
    const replayId = page.url().split("/").at(-1)!;

    // Pulled from the emulator: the broker's europe-west1 topic got each recorded event once,
    // marked with the replay and the original id.
    await expect
      .poll(async () => (await observedMessages()).filter((m) => m.attributes["ce-replayid"] === replayId))
      .toHaveLength(archive.batchSize);
    const replayed = (await observedMessages()).filter((m) => m.attributes["ce-replayid"] === replayId);
    expect(replayed.every((m) => m.region === "europe-west1")).toBe(true);
    expect(replayed.map((m) => m.attributes["ce-replayedfrom"]).sort()).toEqual(
      Array.from({ length: archive.batchSize }, (_, i) => `recorded-${i + 1}`),
    );
    expect(replayed.every((m) => m.attributes["ce-type"] === archive.type)).toBe(true);
    expect(replayed.every((m) => JSON.parse(m.data).batch === archive.batch)).toBe(true);

    // The double ran the estimate's dry run and the reads, the filter value a parameter, never SQL.
    const { queries } = await stackState<{ queries: { dryRun: boolean; sql: string }[] }>(
      "/bigquery/queries",
    );
    expect(queries.some((q) => q.dryRun)).toBe(true);
    expect(
      queries.some((q) => q.sql.includes(`\`${stack.projectId}.${archive.datasetId}.${archive.tableId}\``)),
    ).toBe(true);
    expect(queries.filter((q) => q.sql.includes(archive.batch))).toEqual([]);

    // And the service's live tail (its trigger consumes the type) shows them, marked as replayed.
    const rows = tail
      .getByRole("table", { name: "Live tail" })
      .locator("tbody tr[data-event-id]", { hasText: archive.type });
    await expect(rows).toHaveCount(archive.batchSize);
    for (const row of await rows.all()) await expect(row.getByText("replayed")).toBeVisible();
    await context.close();
  });

  test("to its own trigger (the default): pushed to the service's Cloud Run URL with an ID token, nothing else receives it", async ({
    browser,
  }) => {
    const context = await signedInContext(browser, people.grace, portalA);
    const page = await context.newPage();
    await estimateSeededBatch(page);
    await expect(page.locator('input[type="radio"][name="target"]').first()).toBeChecked();
    await page.getByRole("button", { name: `Replay ${archive.batchSize} events` }).click();
    await expect(page).toHaveURL(/\/replays\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("progressbar", { name: "Replay progress" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
    await expect(page.getByText("completed")).toBeVisible();
    const replayId = page.url().split("/").at(-1)!;

    // The target service (standing in for inventory-service's private Cloud Run service) took
    // each event once, with an ID token for its URL from the portal's service account.
    type Received = {
      region: string;
      service: string;
      caller: string;
      event: Record<string, string>;
    };
    const state = await stackState<{ events: Received[]; refused: string[]; caller: string }>(
      "/target/received",
    );
    const pushed = state.events.filter((r) => r.event.replayid === replayId);
    expect(state.refused).toEqual([]);
    expect(pushed).toHaveLength(archive.batchSize);
    for (const r of pushed)
      expect(r).toMatchObject({
        service: SERVICE,
        caller: state.caller,
        event: { type: archive.type, actor: people.grace.email },
      });
    expect(pushed.map((r) => r.event.replayedfrom).sort()).toEqual(
      Array.from({ length: archive.batchSize }, (_, i) => `recorded-${i + 1}`),
    );
    // Not published: no trigger but this one saw it.
    expect((await observedMessages()).filter((m) => m.attributes["ce-replayid"] === replayId)).toEqual([]);
    await context.close();
  });
});

test("without a valid IAP assertion both replicas answer 401", async ({ request }) => {
  const stranger = await createIapSigner({ audience: stack.audience });
  const forged = await stranger.sign({ sub: "accounts.google.com:9", email: people.linus.email });
  for (const base of [portalA, portalB]) {
    const bare = await request.get(`${base}/api/services`);
    expect(bare.status()).toBe(401);
    expect((await bare.json()).error.code).toBe("unauthenticated");
    const withForged = await request.get(`${base}/api/services`, {
      headers: { "x-goog-iap-jwt-assertion": forged },
    });
    expect(withForged.status()).toBe(401);
    const page = await request.get(`${base}/services/${SEEDED_SERVICE}`);
    expect(page.status()).toBe(401);
    expect((await request.get(`${base}/api/health`)).status()).toBe(200);
  }
});
