import { expect, test } from "@playwright/test";

test.describe("catalog", () => {
  test("lists the demo fleet, searches and filters through the URL", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Service catalog" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Services" }).getByRole("row");
    await expect(rows).toHaveCount(17); // header + 16 demo services
    await expect(page.getByRole("link", { name: "checkout-api" })).toBeVisible();
    await expect(page.getByText("demo", { exact: true }).first()).toBeVisible();

    await page.getByRole("searchbox", { name: "Search services" }).fill("refund");
    await expect(page).toHaveURL(/\?q=refund/);
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole("link", { name: "refund-processor" })).toBeVisible();

    await page.getByRole("button", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.getByRole("combobox", { name: "Kinds" }).selectOption("cron");
    await expect(page).toHaveURL(/kind=cron/);
    await expect(rows).toHaveCount(4); // header + warehouse-sync, cohort-builder, cost-reporter
    await page.getByRole("combobox", { name: "Teams" }).selectOption("growth");
    await expect(page).toHaveURL(/kind=cron/);
    await expect(page).toHaveURL(/team=growth/);
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole("link", { name: "cohort-builder" })).toBeVisible();

    // The filtered catalog survives a reload: it lives in the URL.
    await page.reload();
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole("combobox", { name: "Teams" })).toHaveValue("growth");
  });

  test("sorts by a column and shows an empty state", async ({ page }) => {
    await page.goto("/?sort=name&dir=desc");
    const firstName = page
      .getByRole("table", { name: "Services" })
      .getByRole("row")
      .nth(1)
      .getByRole("link")
      .first();
    await expect(firstName).toHaveText("warehouse-sync");
    await page.getByRole("link", { name: "Name" }).click();
    await expect(firstName).toHaveText("ab-assignment");

    await page.goto("/?q=no-such-service-anywhere");
    await expect(page.getByText("No service matches these filters")).toBeVisible();
  });

  test("says plainly when a link has a bad filter", async ({ page }) => {
    await page.goto("/?kind=mainframe");
    await expect(page.getByText("This catalog link has a bad filter")).toBeVisible();
    await expect(page.getByText("must be one of http, event-receiver, cron, github-bot")).toBeVisible();
  });
});
