import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { workRuns } from "./support/scaffold-runs";
import { startGitHubDouble, type GitHubDouble } from "./support/github-double";
import { validAnswers } from "./support/template-answers";

// Scaffold runs with MERIDIAN_GIT=github, against the local GitHub double: the real routes and worker
// functions, GitHub failing half-way, and the webhook moving the service when the pull request merges.

const TOKEN = "ghp_scaffold_test";
const SECRET = "webhook-secret-for-tests";
let double: GitHubDouble;
let portal: PortalEnvironment;
let runsRoute: typeof import("@/app/api/scaffold/runs/route");
let runRoute: typeof import("@/app/api/scaffold/runs/[id]/route");
let retryRoute: typeof import("@/app/api/scaffold/runs/[id]/retry/route");
let webhookRoute: typeof import("@/app/api/webhooks/github/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;

beforeAll(async () => {
  double = await startGitHubDouble({
    owner: "acme",
    repo: "infra",
    tokens: [TOKEN],
    files: { "README.md": "# infra\n" },
  });
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_DEV_USER: "dev@meridian.local",
    MERIDIAN_GIT: "github",
    GITHUB_REPOSITORY: "acme/infra",
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: double.url,
    GITHUB_WEBHOOK_SECRET: SECRET,
  });
  runsRoute = await import("@/app/api/scaffold/runs/route");
  runRoute = await import("@/app/api/scaffold/runs/[id]/route");
  retryRoute = await import("@/app/api/scaffold/runs/[id]/retry/route");
  webhookRoute = await import("@/app/api/webhooks/github/route");
  db = await (await import("@/server/db/client")).getDb();
});

afterAll(async () => {
  await portal?.dispose();
  await double?.close();
});

const start = (name: string) =>
  call(runsRoute.POST, "/api/scaffold/runs", {
    method: "POST",
    json: { template: "cron-job", params: { ...validAnswers("cron-job"), name, team: "checkout" } },
  });
const run = async (id: string) => (await call(runRoute.GET, "/x", {}, { id })).body;

async function deliver(body: unknown, secret = SECRET) {
  const text = JSON.stringify(body);
  const { NextRequest } = await import("next/server");
  const response = await webhookRoute.POST(
    new NextRequest("http://localhost:3000/api/webhooks/github", {
      method: "POST",
      body: text,
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(text).digest("hex")}`,
      },
    }),
  );
  return { status: response.status, body: await response.json() };
}

describe("scaffold runs on GitHub", () => {
  it("GitHub failing right after creating the pull request still ends with one pull request", async () => {
    double.failAfter({ method: "POST", pathPattern: "/repos/acme/infra/pulls" });
    const { body } = await start("nightly-audit");
    await workRuns(db);
    const done = await run(body.id);
    expect(done.status, done.error).toBe("succeeded");
    expect(double.branches().filter((b) => b.includes("nightly-audit"))).toHaveLength(1);
    expect(double.pulls().filter((p) => p.head === done.branch)).toHaveLength(1);
    expect(done.pullRequest.url).toContain("/acme/infra/pull/");
    expect(double.fileAt(done.branch, "services/nightly-audit/main.tf")).toContain('module "job"');
    expect((await db.service.findUniqueOrThrow({ where: { name: "nightly-audit" } })).lifecycle).toBe(
      "pr_open",
    );
  });

  it("a refused call fails the run at its step; a retry completes it with one branch and one pull request", async () => {
    double.failNext({
      method: "POST",
      pathPattern: "/repos/acme/infra/git/commits",
      status: 422,
      body: { message: "Validation Failed" },
    });
    const { body } = await start("weekly-digest");
    await workRuns(db);
    const failed = await run(body.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^Commit the files: .*422/);

    await call(retryRoute.POST, "/x", { method: "POST" }, { id: body.id });
    await workRuns(db);
    const done = await run(body.id);
    expect(done.status).toBe("succeeded");
    expect(double.branches().filter((b) => b.includes("weekly-digest"))).toHaveLength(1);
    expect(double.pulls().filter((p) => p.head === done.branch)).toHaveLength(1);
  });

  it("the webhook refuses a bad signature (401, nothing changes) and a merged pull request moves the service", async () => {
    const service = await db.service.findUniqueOrThrow({ where: { name: "nightly-audit" } });
    const payload = {
      action: "closed",
      number: service.pullRequestNumber,
      pull_request: {
        number: service.pullRequestNumber,
        state: "closed",
        merged: true,
        merged_at: new Date().toISOString(),
        head: { ref: "x" },
      },
    };
    const forged = await deliver(payload, "not-the-secret-at-all");
    expect(forged.status).toBe(401);
    expect((await db.service.findUniqueOrThrow({ where: { name: "nightly-audit" } })).lifecycle).toBe(
      "pr_open",
    );

    const real = await deliver(payload);
    expect(real).toEqual({ status: 200, body: { status: "updated" } });
    expect((await db.service.findUniqueOrThrow({ where: { name: "nightly-audit" } })).lifecycle).toBe(
      "merged",
    );
  });

  it("the poll catches a merge whose webhook never arrived", async () => {
    const service = await db.service.findUniqueOrThrow({ where: { name: "weekly-digest" } });
    double.model.mergePull(service.pullRequestNumber!);
    const { pollPullRequests } = await import("@/server/services/pull-requests/poll-pull-requests");
    expect(await pollPullRequests(db)).toBe(1);
    expect((await db.service.findUniqueOrThrow({ where: { name: "weekly-digest" } })).lifecycle).toBe(
      "merged",
    );
  });
});
