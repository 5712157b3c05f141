import { expect, test, type Page } from "@playwright/test";

// From the wizard's preview to a merged service: Open pull request starts a scaffold run, the run
// page follows it live to 7/7 and links the local pull request, which is reviewed as a diff and
// merged; the service page then says "Merged". Each test uses a fresh service name.

const uniqueName = () => `e2e-pr-${Math.random().toString(36).slice(2, 8)}`;
const shots = process.env.E2E_SCREENSHOT_DIR;

async function shoot(page: Page, name: string) {
  if (!shots) return;
  const options = { fullPage: true, animations: "disabled" } as const;
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${shots}/${name}.png`, ...options });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${shots}/${name}-dark.png`, ...options });
  await page.emulateMedia({ colorScheme: "light" });
}

async function previewHttpService(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("link", { name: "New service" }).click();
  await page.getByRole("list", { name: "Templates" }).getByRole("link", { name: "HTTP service" }).click();
  await page.getByLabel("Service name", { exact: true }).fill(name);
  await page.getByLabel("Owning team").selectOption("checkout");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/\?step=preview$/);
  await expect(page.getByTestId("preview-check").first()).toBeVisible();
}

test.describe("pull request for a new service", () => {
  test("preview → run → pull request → merge → the service is merged", async ({ page }) => {
    const name = uniqueName();
    await previewHttpService(page, name);

    // A double click starts one run: the button disables itself, and a second request would carry
    // the same Idempotency-Key.
    const open = page.getByRole("button", { name: "Open pull request" });
    await expect(open).toBeEnabled();
    await open.dblclick();

    // The run page, rendered on the server and then followed live until all seven steps are done.
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByTestId("run-step")).toHaveCount(7);
    await expect(page.getByTestId("run-connection")).toHaveText(/^(Live|Finished)$/);
    await shoot(page, "run-mid");
    const progress = page.getByRole("progressbar");
    await expect(progress).toHaveAttribute("aria-valuenow", "7", { timeout: 30_000 });
    await expect(progress).toHaveAttribute("aria-valuemax", "7");
    await expect(page.getByTestId("run-progress-text")).toHaveText("7 / 7 steps");
    await expect(page.locator('[data-testid="run-step"][data-status="done"]')).toHaveCount(7);
    await expect(page.locator("main header").getByText("Succeeded", { exact: true })).toBeVisible();
    await expect(page.getByTestId("run-connection")).toHaveText("Finished");
    const log = page.getByRole("log", { name: "Run log" });
    await expect(log).toContainText("queued by dev@meridian.local");
    await expect(log).toContainText(/pull request #\d+/);
    await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    const { items } = (await (await page.request.get("/api/scaffold/runs?limit=200")).json()) as {
      items: { serviceName: string }[];
    };
    expect(items.filter((r) => r.serviceName === name)).toHaveLength(1);
    await shoot(page, "run-finished");

    // The local pull request: the changes as a diff against the base branch.
    const prLink = page.getByRole("link", { name: /^Open pull request #\d+$/ });
    const number = (await prLink.textContent())!.replace(/\D+/g, "");
    await prLink.click();
    await expect(page).toHaveURL(new RegExp(`/pulls/${number}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`New service: ${name}`);
    await expect(page.getByTestId("pull-request-state")).toHaveText("Open");
    await expect(page.getByRole("list", { name: "Labels" })).toContainText("new-service");
    const files = page.getByRole("navigation", { name: "Files" });
    await expect(files.getByRole("button", { name: /^main\.tf\b/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: `services/${name}/main.tf` })).toBeVisible();
    const diff = page.getByRole("region", { name: `services/${name}/main.tf, diff` });
    await expect(diff.locator('[data-diff="added"]').first()).toBeVisible();
    await expect(diff.locator('[data-diff="removed"]')).toHaveCount(0);
    await shoot(page, "pull-request-open");

    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(page.getByTestId("pull-request-state")).toHaveText("Merged");
    await expect(page.getByTestId("pull-request-merged")).toContainText("Merged by dev@meridian.local at");
    await expect(page.getByRole("button", { name: "Merge", exact: true })).toHaveCount(0);
    await shoot(page, "pull-request-merged");

    // The service page: lifecycle "Merged", the pull request and the run it came from.
    await page.getByTestId("pull-request-merged").getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/services/${name}$`));
    const header = page.locator("main header").first();
    const title = page.getByRole("heading", { level: 1, name }).locator("..");
    await expect(title.getByText("Merged", { exact: true })).toBeVisible();
    await expect(title.getByRole("link", { name: `PR #${number}` })).toHaveAttribute(
      "href",
      `/pulls/${number}`,
    );
    await expect(header.getByRole("link", { name: /^scaffold run / })).toHaveAttribute(
      "href",
      new URL(runUrl).pathname,
    );
    await shoot(page, "service-merged");

    // The runs list: the run succeeded; the filters live in the URL.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
    await expect(page).toHaveURL(/\/runs$/);
    const row = page.locator(`[data-testid="run-row"][data-service="${name}"]`);
    await expect(row).toContainText("Succeeded");
    await expect(row.getByRole("link", { name: `PR #${number}` })).toBeVisible();
    await page.getByRole("combobox", { name: "Status" }).selectOption("succeeded");
    await expect(page).toHaveURL(/\/runs\?status=succeeded$/);
    await page.getByRole("combobox", { name: "Requested by" }).selectOption("me");
    await expect(page).toHaveURL(/requestedBy=me/);
    await expect(row).toBeVisible();
    await shoot(page, "runs-list");
    await page.getByRole("combobox", { name: "Status" }).selectOption("cancelled");
    await expect(page).toHaveURL(/status=cancelled/);
    await expect(row).toHaveCount(0);
    await expect(page.getByText("No run matches these filters")).toBeVisible();
  });

  test("someone outside the team is told who may open the pull request", async ({
    page,
    context,
    baseURL,
  }) => {
    await context.addCookies([{ name: "meridian_dev_user", value: "grace@meridian.dev", url: baseURL! }]);
    await previewHttpService(page, uniqueName());
    await page.getByRole("button", { name: "Open pull request" }).click();
    await expect(
      page.getByText("Only members of checkout (and admins) can create its services"),
    ).toBeVisible();
    await expect(page).toHaveURL(/\?step=preview$/);
  });
});
