import { expect, test, type Page } from "@playwright/test";

// The Health tab and the fleet grid against the embedded portal: the demo fleet is seeded and the
// demo traffic generator writes samples, so checkout-api has data in its three regions.

const SERVICE = "checkout-api";
const REGIONS = ["us-central1", "us-east4", "europe-west1"];

const chart = (page: Page, title: string) => page.getByRole("img", { name: new RegExp(`^${title}, `) });

test.describe("service health", () => {
  test("region strip and charts; the range and the hidden regions live in the URL", async ({ page }) => {
    await page.goto(`/services/${SERVICE}`);

    const strip = page.locator('ul[aria-label="Region health"] > li');
    await expect(strip).toHaveCount(3);
    for (const region of REGIONS)
      await expect(strip.and(page.locator(`[data-region="${region}"]`))).toHaveCount(1);

    for (const title of ["Request count by response class", "5xx ratio", "Request latency p95"])
      await expect(chart(page, title)).toBeVisible();
    await expect(chart(page, "Request latency p95")).toHaveAccessibleName(
      "Request latency p95, 3 regions, last 6 hours",
    );
    await expect(page.getByText("embedded metrics store (demo traffic)")).toBeVisible();

    // Range: the URL says 24h and the charts are drawn for 24 hours.
    const ranges = page.getByRole("group", { name: "Time range" });
    await ranges.getByRole("button", { name: "24h" }).click();
    await expect(page).toHaveURL(/[?&]range=24h\b/);
    await expect(ranges.getByRole("button", { name: "24h" })).toHaveAttribute("aria-pressed", "true");
    await expect(chart(page, "Request latency p95")).toHaveAccessibleName(
      "Request latency p95, 3 regions, last 24 hours",
    );
    await expect(page.locator('[data-range="24h"]')).toBeVisible();

    // Legend: hiding us-east4 removes its series from every chart, and the URL remembers it.
    const latency = chart(page, "Request latency p95");
    await expect(latency.locator('path[data-region="us-east4"]')).toHaveCount(1);
    const legend = page.getByRole("group", { name: "Regions on charts" });
    await legend.getByRole("button", { name: "us-east4" }).click();
    await expect(legend.getByRole("button", { name: "us-east4" })).toHaveAttribute("aria-pressed", "false");
    await expect(latency.locator('path[data-region="us-east4"]')).toHaveCount(0);
    await expect(latency.locator('path[data-region="us-central1"]')).toHaveCount(1);
    await expect(page.locator('svg[role="img"] path[data-region="us-east4"]')).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]hide=us-east4\b/);
    await expect(page).toHaveURL(/[?&]range=24h\b/);

    // A reload keeps both.
    await page.reload();
    await expect(chart(page, "Request latency p95")).toHaveAccessibleName(
      "Request latency p95, 2 of 3 regions shown, last 24 hours",
    );
    await expect(
      page.getByRole("group", { name: "Regions on charts" }).getByRole("button", { name: "us-east4" }),
    ).toHaveAttribute("aria-pressed", "false");

    // And back on.
    await page
      .getByRole("group", { name: "Regions on charts" })
      .getByRole("button", { name: "us-east4" })
      .click();
    await expect(chart(page, "Request latency p95").locator('path[data-region="us-east4"]')).toHaveCount(1);
    await expect(page).not.toHaveURL(/hide=/);
  });

  test("a forced degradation shows on the region strip and on the fleet grid", async ({ page }) => {
    const forced = await page.request.post("/api/demo/degradation", {
      data: { service: SERVICE, region: "us-east4", minutes: 30 },
    });
    expect(forced.ok(), await forced.text()).toBe(true);

    await page.goto(`/services/${SERVICE}`);
    const east = page.locator('ul[aria-label="Region health"] > li[data-region="us-east4"]');
    await expect(east).toHaveAttribute("data-status", "degraded");
    await expect(east.getByText("Degraded", { exact: true })).toBeVisible();
    // The reasons are visible text, not only a tooltip.
    await expect(east).toContainText(/5xx ratio|p95 latency/);
    for (const region of ["us-central1", "europe-west1"])
      await expect(
        page.locator(`ul[aria-label="Region health"] > li[data-region="${region}"]`),
      ).not.toHaveAttribute("data-status", "degraded");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
    await expect(page).toHaveURL(/\/health$/);
    await expect(page.getByRole("heading", { level: 1, name: "Fleet health" })).toBeVisible();
    const cell = page.locator(`td[data-service="${SERVICE}"][data-region="us-east4"]`);
    await expect(cell).toHaveAttribute("data-status", "degraded");
    await expect(cell).toContainText("Degraded");

    // The cell links to the service's Health tab.
    await cell.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/services/${SERVICE}(\\?[^#]*)?#region-us-east4$`));
    await expect(page.locator('ul[aria-label="Region health"] > li[data-region="us-east4"]')).toHaveAttribute(
      "data-status",
      "degraded",
    );
  });
});
