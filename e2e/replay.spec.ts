import { expect, test } from "@playwright/test";

// Replay in the browser: recorded events of inventory-service's trigger are selected (by a source
// only this test publishes), estimated, replayed to that trigger only, and the service's live tail
// shows them arriving again, marked as replayed. Grace is in fulfilment, the owning team.

const TYPE = "dev.meridian.checkout.order.placed";

test("Replay tab → estimate → run → 100% → the events reach the tail marked as replayed", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "meridian_dev_user", value: "grace@meridian.dev", url: baseURL! }]);
  const source = `//e2e/replay-${Date.now()}`;
  for (let i = 0; i < 3; i++) {
    const response = await context.request.post(`/api/events?region=europe-west1`, {
      headers: {
        "ce-specversion": "1.0",
        "ce-id": `${source}-${i}`,
        "ce-type": TYPE,
        "ce-source": source,
        "ce-subject": `orders/e2e-${i}`,
        "content-type": "application/json",
      },
      data: JSON.stringify({ orderId: `e2e-${i}` }),
    });
    expect(response.status()).toBe(202);
  }

  // The target's live tail, open while the replay runs.
  const tail = await context.newPage();
  await tail.goto("/services/inventory-service/events");
  await expect(tail.getByText("live", { exact: true })).toBeVisible();

  const page = await context.newPage();
  await page.goto("/services/inventory-service/replay");
  await page.getByRole("button", { name: "Last 1 h" }).click();
  await page.getByLabel("Source is").fill(source);
  // The archive is filled by the dispatcher a moment after publication.
  await expect(async () => {
    await page.getByRole("button", { name: "Estimate" }).click();
    await expect(page.getByTestId("replay-estimate")).toContainText("3 events", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByText("Sample (3) as CloudEvents").click();
  await expect(page.getByLabel(`Event ${source}-0`)).toContainText(source);

  await expect(page.getByLabel("Only this service, through its trigger")).toBeChecked();
  await page.getByRole("button", { name: "Replay 3 events" }).click();
  await expect(page).toHaveURL(/\/replays\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Replay progress" })).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
  await expect(page.getByText("completed")).toBeVisible();
  const replayId = page.url().split("/").at(-1)!;

  const replayed = tail.getByRole("table", { name: "Live tail" }).locator("tr", { hasText: source });
  await expect(replayed).toHaveCount(3);
  for (const row of await replayed.all()) await expect(row.getByText("replayed")).toBeVisible();
  await replayed.first().click();
  await expect(tail.getByText(replayId).first()).toBeVisible();

  // The service's replay list has it, with who ran it.
  await page.goto("/services/inventory-service/replay");
  await expect(page.getByRole("table", { name: "Replays" })).toContainText("grace@meridian.dev");
  await context.close();
});
