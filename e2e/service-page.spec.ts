import { expect, test } from "@playwright/test";

test.describe("service page", () => {
  test("opens from the catalog and switches tabs", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "shipment-tracker" }).click();
    await expect(page).toHaveURL(/\/services\/shipment-tracker$/);
    await expect(page.getByRole("heading", { level: 1, name: "shipment-tracker" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Regions" }).first()).toContainText("asia-northeast1");
    const tabs = page.getByRole("navigation", { name: "Service sections" });
    await expect(tabs.getByRole("link", { name: "Health" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("list", { name: "Region health" })).toBeVisible();

    await tabs.getByRole("link", { name: "Events" }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(tabs.getByRole("link", { name: "Events" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("table", { name: "Published event types" })).toContainText(
      "dev.meridian.shipping.shipment.dispatched",
    );
    await expect(page.getByRole("table", { name: "Triggers" })).toContainText(
      'hasPrefix(attributes.ce-source, "//inventory-service/")',
    );

    await tabs.getByRole("link", { name: "Infrastructure" }).click();
    await expect(page.getByText("INGRESS_TRAFFIC_INTERNAL_ONLY")).toBeVisible();

    for (const tab of ["Alerts", "Replay", "Activity"]) {
      await tabs.getByRole("link", { name: tab }).click();
      await expect(tabs.getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
    }
  });

  test("unknown service gives a 404 page", async ({ page }) => {
    const response = await page.goto("/services/no-such-service");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("No such service")).toBeVisible();
  });

  test("a team member edits the service; the change is in the activity log; a viewer cannot edit", async ({
    page,
  }) => {
    await page.goto("/services/checkout-api");
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit checkout-api" });
    await dialog.getByLabel("Product").fill("Not A Label!");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("must be 1-63 lowercase letters")).toBeVisible();
    await dialog.getByLabel("Product").fill("storefront");
    await dialog.getByLabel("Description").fill("Public checkout API, now with saved carts.");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole("paragraph").filter({ hasText: "Public checkout API, now with saved carts." }),
    ).toBeVisible();

    await page
      .getByRole("navigation", { name: "Service sections" })
      .getByRole("link", { name: "Activity" })
      .click();
    await expect(page.getByRole("list", { name: "Activity" })).toContainText("service.update");
    await expect(page.getByRole("list", { name: "Activity" })).toContainText("dev@meridian.local");

    await page.getByRole("combobox", { name: "Act as" }).selectOption("viewer@meridian.dev");
    await expect(page.getByRole("combobox", { name: "Act as" })).toHaveValue("viewer@meridian.dev");
    await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
    // Back to the default developer for the other tests.
    await page.getByRole("combobox", { name: "Act as" }).selectOption("dev@meridian.local");
  });
});

test("team page lists the team's services", async ({ page }) => {
  await page.goto("/teams");
  await page.getByRole("link", { name: "Fulfilment" }).click();
  await expect(page.getByRole("heading", { name: "Fulfilment" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Services of Fulfilment" })).toContainText(
    "inventory-service",
  );
  await expect(page.getByText("grace@meridian.dev")).toBeVisible();
  const missing = await page.goto("/teams/no-such-team");
  expect(missing?.status()).toBe(404);
});
