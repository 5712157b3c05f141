import { expect, test, type Page } from "@playwright/test";

// The new-service wizard: gallery → form → preview, all in the URL, with the answers kept in
// sessionStorage. Each test uses a fresh service name, so they do not depend on one another.

const uniqueName = (kind: string) => `e2e-${kind}-${Math.random().toString(36).slice(2, 8)}`;
const shots = process.env.E2E_SCREENSHOT_DIR;

async function openFromCatalog(page: Page, title: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "New service" }).click();
  await expect(page).toHaveURL(/\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New service" })).toBeVisible();
  await page.getByRole("list", { name: "Templates" }).getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("form")).toBeVisible();
}

const nameInput = (page: Page) => page.getByLabel("Service name", { exact: true });

async function fillBasics(page: Page, name: string) {
  await nameInput(page).fill(name);
  await page.getByLabel("Owning team").selectOption("checkout");
}

async function expectPreview(page: Page, summary: RegExp) {
  await expect(page).toHaveURL(/\?step=preview$/);
  const files = page.getByRole("navigation", { name: "Files" });
  for (const file of ["main.tf", "main.go", "meridian.lock.json"])
    await expect(
      files.getByRole("button", { name: new RegExp(`^${file.replaceAll(".", "\\.")}\\b`) }),
    ).toBeVisible();
  const checks = page.getByTestId("preview-check");
  await expect(checks.first()).toBeVisible();
  expect(await checks.count()).toBeGreaterThan(0);
  await expect(checks.and(page.locator('[data-ok="false"]'))).toHaveCount(0);
  for (const check of await checks.all()) await expect(check).toContainText("Passed");
  await expect(page.getByTestId("preview-summary")).toContainText(summary);
  await expect(page.getByRole("button", { name: "Open pull request" })).toBeEnabled();
}

test.describe("new service wizard", () => {
  test("an HTTP service: form, preview with files, checks, code and diff", async ({ page }) => {
    await openFromCatalog(page, "HTTP service");
    await expect(page).toHaveURL(/\/new\/http-service$/);
    await fillBasics(page, uniqueName("http"));
    if (shots) await page.screenshot({ path: `${shots}/new-service-form.png`, fullPage: true });
    await page.getByRole("button", { name: "Preview" }).click();
    await expectPreview(page, /us-central1, us-east4, europe-west1/);

    // The viewer: main.tf opens first, highlighted and numbered; the diff of a new file is all additions.
    const viewer = page.getByRole("region", { name: /main\.tf, code/ });
    await expect(viewer.locator(".token").first()).toBeVisible();
    await page
      .getByRole("navigation", { name: "Files" })
      .getByRole("button", { name: /^main\.go/ })
      .click();
    await expect(page.getByRole("region", { name: /main\.go, code/ })).toContainText("package main");
    await page.getByRole("button", { name: "Diff", exact: true }).click();
    const diff = page.getByRole("region", { name: /main\.go, diff/ });
    await expect(diff.locator('[data-diff="added"]').first()).toBeVisible();
    await expect(diff.locator('[data-diff="removed"]')).toHaveCount(0);
    if (shots) await page.screenshot({ path: `${shots}/new-service-preview.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    if (shots) await page.screenshot({ path: `${shots}/new-service-preview-dark.png`, fullPage: true });
  });

  test("an event receiver with a trigger", async ({ page }) => {
    await openFromCatalog(page, "Event receiver");
    await fillBasics(page, uniqueName("events"));
    const trigger = page.getByRole("group", { name: "Trigger 1" });
    await trigger.getByLabel("Trigger name").fill("orders");
    await trigger.getByLabel("Event type (exact)").fill("dev.acme.order.created");
    await page.getByRole("button", { name: "Preview" }).click();
    await expectPreview(page, /us-central1, us-east4, europe-west1/);
  });

  test("a cron job", async ({ page }) => {
    await openFromCatalog(page, "Cron job");
    await fillBasics(page, uniqueName("cron"));
    await page.getByRole("button", { name: "Preview" }).click();
    await expectPreview(page, /"0 3 \* \* \*" UTC/);
  });

  test("a GitHub bot", async ({ page }) => {
    await openFromCatalog(page, "GitHub bot");
    await fillBasics(page, uniqueName("bot"));
    await page.getByRole("button", { name: "Preview" }).click();
    await expectPreview(page, /us-central1, us-east4, europe-west1/);
  });

  test("shows each rule under its field: locally, and a taken name from the server", async ({ page }) => {
    const previews: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/api/scaffold/preview")) previews.push(r.status());
    });
    await page.goto("/new/http-service");
    await page.getByRole("button", { name: "Start over" }).click();
    await nameInput(page).fill("Bad_Name");
    const nameError = page.getByTestId("field-error-name");
    await expect(nameError).toContainText("lowercase letters, digits or dashes");
    await expect(nameInput(page)).toHaveAttribute("aria-describedby", /field-name-error/);
    await expect(nameInput(page)).toHaveAttribute("aria-invalid", "true");

    // Preview shows every problem (the untouched team too) and asks the server nothing.
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("field-error-team")).toContainText("is required");
    await expect(page).not.toHaveURL(/step=preview/);
    expect(previews.filter((s) => s === 200)).toEqual([]);

    await nameInput(page).fill("checkout-api");
    await page.getByLabel("Owning team").selectOption("checkout");
    await expect(nameError).toContainText("is taken");
    await expect(page.getByTestId("field-error-team")).toHaveCount(0);
    await nameInput(page).fill(uniqueName("free"));
    await expect(nameError).toHaveCount(0);
  });

  test("the hostname field appears only for a public service", async ({ page }) => {
    await page.goto("/new/http-service");
    await page.getByRole("button", { name: "Start over" }).click();
    const hostname = page.getByLabel("Hostname", { exact: true });
    await expect(hostname).toHaveCount(0);
    await expect(page.getByLabel("Ingress")).toBeVisible();
    await page.getByLabel("Public hostname behind the load balancer").check();
    await expect(hostname).toBeVisible();
    await expect(page.getByLabel("Ingress")).toHaveCount(0);
    await hostname.fill("not a host");
    await expect(page.getByTestId("field-error-hostname")).toContainText("must be a DNS name");
    await page.getByLabel("Public hostname behind the load balancer").uncheck();
    await expect(hostname).toHaveCount(0);
  });

  test("back, forward and reload keep the answers and the step", async ({ page }) => {
    const name = uniqueName("keep");
    await page.goto("/new/github-bot");
    await page.getByRole("button", { name: "Start over" }).click();
    await fillBasics(page, name);
    await page.getByLabel("GitHub event").selectOption("issues");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("preview-summary")).toContainText("issues");

    await page.goBack();
    await expect(page).toHaveURL(/\/new\/github-bot$/);
    await expect(nameInput(page)).toHaveValue(name);
    await expect(page.getByLabel("GitHub event")).toHaveValue("issues");

    await page.goForward();
    await expect(page.getByTestId("preview-summary")).toContainText("issues");
    await page.reload();
    await expect(page.getByTestId("preview-summary")).toContainText("issues");

    await page.getByRole("button", { name: "Back to the form" }).click();
    await expect(page).toHaveURL(/\/new\/github-bot$/);
    await page.reload();
    await expect(nameInput(page)).toHaveValue(name);
    await expect(page.getByLabel("Owning team")).toHaveValue("checkout");

    await page.getByRole("button", { name: "Start over" }).click();
    await expect(nameInput(page)).toHaveValue("");
    await page.reload();
    await expect(nameInput(page)).toHaveValue("");
  });

  test("an unknown template is a 404", async ({ page }) => {
    const response = await page.goto("/new/no-such-template");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("No such template")).toBeVisible();
  });
});
