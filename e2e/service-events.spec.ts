import { expect, test, type APIRequestContext } from "@playwright/test";

// The Events tab against the embedded portal: topology, triggers with delivery health, and the
// live tail receiving an event published through the API (plus pause, the event's details and
// copy as curl). The demo generator publishes too, so every event here has its own id.

const SERVICE = "receipt-mailer";
const TYPE = "dev.meridian.payments.authorized";

async function publish(
  request: APIRequestContext,
  id: string,
  region = "us-east4",
  extra: Record<string, string> = {},
) {
  const response = await request.post(`/api/events?region=${region}`, {
    headers: {
      "ce-specversion": "1.0",
      "ce-id": id,
      "ce-type": TYPE,
      "ce-source": "//e2e/payments",
      "ce-subject": `charges/${id}`,
      "content-type": "application/json",
      ...extra,
    },
    data: JSON.stringify({ chargeId: id, amount: { value: "12.00", currency: "EUR" } }),
  });
  expect(response.status()).toBe(202);
}

test.describe("service events", () => {
  test("topology, triggers and delivery health per region", async ({ page }) => {
    await page.goto(`/services/${SERVICE}/events`);
    const topology = page.getByLabel("Event topology");
    await expect(topology.getByRole("link", { name: "payment-authorizer" })).toBeVisible();
    await expect(topology.getByText(TYPE)).toBeVisible();
    await expect(page.getByRole("table", { name: "Triggers" })).toContainText(
      `attributes.ce-type="${TYPE}" AND NOT attributes:ce-testmode`,
    );
    const health = page.getByRole("table", { name: "Delivery health" });
    for (const region of ["us-central1", "us-east4", "europe-west1"])
      await expect(health.locator(`tr[data-region="${region}"]`)).toHaveCount(1);
  });

  test("an event published through the API appears in the live tail; pause holds, resume shows", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/services/${SERVICE}/events`);
    const tail = page.getByRole("table", { name: "Live tail" });
    await expect(page.getByText("live", { exact: true })).toBeVisible();

    const id = `e2e-${Date.now()}`;
    await publish(page.request, id);
    const row = tail.locator(`tr[data-event-id="${id}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText("us-east4");
    await expect(row).toContainText(`charges/${id}`);

    // An event the trigger's filter excludes (testmode) is not this service's.
    const excluded = `e2e-test-${Date.now()}`;
    await publish(page.request, excluded, "us-east4", { "ce-testmode": "true" });

    // Open it: every attribute, the actor the portal stamped, the data; copy as curl.
    await row.click();
    const detail = page.getByLabel(`Event ${id}`);
    await expect(detail).toContainText("dev@meridian.local");
    await expect(detail).toContainText(`"chargeId": "${id}"`);
    await detail.getByRole("button", { name: "Copy as curl" }).click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain("/api/events?region=us-east4");
    expect(curl).toContain(`'ce-id: ${id}'`);
    expect(curl).not.toContain("ce-actor");

    // Pause: a new event is held, not shown; resume shows it.
    await page.getByRole("button", { name: "Pause" }).click();
    const later = `e2e-later-${Date.now()}`;
    await publish(page.request, later, "europe-west1");
    await expect(page.getByText(/paused · [1-9]\d* held/)).toBeVisible();
    await expect(tail.locator(`tr[data-event-id="${later}"]`)).toHaveCount(0);
    await page.getByRole("button", { name: "Resume" }).click();
    await expect(tail.locator(`tr[data-event-id="${later}"]`)).toBeVisible();
    await expect(tail.locator(`tr[data-event-id="${excluded}"]`)).toHaveCount(0);
  });

  test("the tail's region filter shows only that region", async ({ page }) => {
    await page.goto(`/services/${SERVICE}/events`);
    await page.getByLabel("Filter by region").selectOption("us-central1");
    await expect(page.getByText("live", { exact: true })).toBeVisible();
    const tail = page.getByRole("table", { name: "Live tail" });
    const other = `e2e-other-${Date.now()}`;
    const mine = `e2e-mine-${Date.now()}`;
    await publish(page.request, other, "europe-west1");
    await publish(page.request, mine, "us-central1");
    await expect(tail.locator(`tr[data-event-id="${mine}"]`)).toBeVisible();
    await expect(tail.locator(`tr[data-event-id="${other}"]`)).toHaveCount(0);
  });

  test("an event type page lists its producers and consumers", async ({ page }) => {
    await page.goto(`/services/${SERVICE}/events`);
    await page.getByRole("table", { name: "Triggers" }).getByRole("link", { name: TYPE }).click();
    await expect(page.getByRole("heading", { name: TYPE })).toBeVisible();
    await expect(page.getByRole("link", { name: "payment-authorizer" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Consumers" })).toContainText(
      "receipt-mailer-payments-authorized",
    );
    // A recorded type offers a replay to each consumer, with the type chosen.
    await page.getByRole("link", { name: "Replay to receipt-mailer" }).click();
    await expect(page).toHaveURL(/\/services\/receipt-mailer\/replay\?type=/);
    await expect(page.getByLabel("Event type")).toHaveValue(TYPE);
  });
});
