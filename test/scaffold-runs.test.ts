import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { branches, git, workRuns } from "./support/scaffold-runs";
import { validAnswers } from "./support/template-answers";

// Scaffold runs end to end on the local repository: the real routes queue a run, the worker's
// functions carry it out, and the bare repository, the pull request and the catalog are checked
// the way a person would check them.

let portal: PortalEnvironment;
let gitDir: string;
let runsRoute: typeof import("@/app/api/scaffold/runs/route");
let runRoute: typeof import("@/app/api/scaffold/runs/[id]/route");
let cancelRoute: typeof import("@/app/api/scaffold/runs/[id]/cancel/route");
let retryRoute: typeof import("@/app/api/scaffold/runs/[id]/retry/route");
let eventsRoute: typeof import("@/app/api/scaffold/runs/[id]/events/route");
let prRoute: typeof import("@/app/api/pull-requests/[number]/route");
let mergeRoute: typeof import("@/app/api/pull-requests/[number]/merge/route");
let closeRoute: typeof import("@/app/api/pull-requests/[number]/close/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;

beforeAll(async () => {
  gitDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-repo-")), "repository.git");
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_GIT_DIR: gitDir,
    MERIDIAN_DEV_USER: "dev@meridian.local",
  });
  runsRoute = await import("@/app/api/scaffold/runs/route");
  runRoute = await import("@/app/api/scaffold/runs/[id]/route");
  cancelRoute = await import("@/app/api/scaffold/runs/[id]/cancel/route");
  retryRoute = await import("@/app/api/scaffold/runs/[id]/retry/route");
  eventsRoute = await import("@/app/api/scaffold/runs/[id]/events/route");
  prRoute = await import("@/app/api/pull-requests/[number]/route");
  mergeRoute = await import("@/app/api/pull-requests/[number]/merge/route");
  closeRoute = await import("@/app/api/pull-requests/[number]/close/route");
  db = await (await import("@/server/db/client")).getDb();
});

afterAll(async () => {
  await portal?.dispose();
  fs.rmSync(path.dirname(gitDir), { recursive: true, force: true });
});

const start = (
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
  template = "http-service",
) => call(runsRoute.POST, "/api/scaffold/runs", { method: "POST", json: { template, params }, headers });

const getRun = (id: string) => call(runRoute.GET, `/api/scaffold/runs/${id}`, {}, { id });

const answers = (name: string) => ({ ...validAnswers("http-service"), name, team: "checkout" });

describe("a scaffold run on the local repository", () => {
  let runId: string;
  let prNumber: number;

  it("queues with 202 and carries out every step to one branch, one commit and one pull request", async () => {
    const res = await start(answers("refund-api"));
    expect(res.status).toBe(202);
    expect(res.headers.get("location")).toBe(`/api/scaffold/runs/${res.body.id}`);
    runId = res.body.id;
    expect((await getRun(runId)).body).toMatchObject({ status: "queued", progress: { done: 0, total: 7 } });

    await workRuns(db);

    const run = (await getRun(runId)).body;
    expect(run.status, JSON.stringify(run)).toBe("succeeded");
    expect(run.steps.map((s: { status: string }) => s.status)).toEqual(Array(7).fill("done"));
    expect(run.pullRequest.url).toMatch(/\/pulls\/\d+$/);
    prNumber = run.pullRequest.number;

    const branch = `meridian/new-service/refund-api-${runId.slice(0, 8)}`;
    expect(branches(gitDir)).toEqual(["main", branch]);
    expect(git(gitDir, "rev-list", "--count", `main..${branch}`)).toBe("1");
    const files = git(gitDir, "ls-tree", "-r", "--name-only", branch, "services/refund-api/").split("\n");
    expect(files).toEqual(
      expect.arrayContaining(["services/refund-api/main.tf", "services/refund-api/meridian.lock.json"]),
    );
    expect(git(gitDir, "log", "-1", "--format=%an <%ae>", branch)).toBe(
      "Local Developer <dev@meridian.local>",
    );
    expect(await db.pullRequest.count()).toBe(1);

    const service = await db.service.findUniqueOrThrow({ where: { name: "refund-api" } });
    expect(service).toMatchObject({
      lifecycle: "pr_open",
      pullRequestNumber: prNumber,
      scaffoldRunId: runId,
      templateId: "http-service",
    });
    const audit = await db.auditEntry.findMany({ where: { targetId: "refund-api" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["scaffold.start", "service.propose"]);
  });

  it("answers the same run for a repeated Idempotency-Key, and makes no second one", async () => {
    const first = await start(answers("ledger-api"), { "idempotency-key": "k-ledger-1" });
    const again = await start(answers("ledger-api"), { "idempotency-key": "k-ledger-1" });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.scaffoldRun.count({ where: { serviceName: "ledger-api" } })).toBe(1);
    await workRuns(db);
  });

  it("refuses bad answers with 422 and creates nothing", async () => {
    const before = await db.scaffoldRun.count();
    const res = await start({ ...answers("Bad_Name") });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].field).toBe("body.params.name");
    expect(await db.scaffoldRun.count()).toBe(before);
  });

  it("streams the log as Server-Sent Events and resumes after Last-Event-ID", async () => {
    const full = await fetchEvents(runId);
    const ids = [...full.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(7);
    expect(full).toContain("event: run");
    expect(full).toMatch(/event: end\ndata: \{"status":"succeeded"\}/);
    const resumed = await fetchEvents(runId, ids[3]);
    expect([...resumed.matchAll(/^id: (\d+)$/gm)].map((m) => m[1])).toEqual(ids.slice(4));
  });

  it("shows the pull request's diff, and merging writes a merge commit and moves the service to merged", async () => {
    const pr = await call(prRoute.GET, `/api/pull-requests/${prNumber}`, {}, { number: String(prNumber) });
    expect(pr.status).toBe(200);
    expect(pr.body).toMatchObject({ state: "open", canMerge: true, serviceName: "refund-api" });
    expect(pr.body.files.map((f: { status: string }) => f.status)).toEqual(
      Array(pr.body.files.length).fill("added"),
    );

    const merged = await call(
      mergeRoute.POST,
      `/api/pull-requests/${prNumber}/merge`,
      { method: "POST" },
      { number: String(prNumber) },
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.state).toBe("merged");
    expect(git(gitDir, "log", "-1", "--format=%P", "main").split(" ")).toHaveLength(2);
    expect(git(gitDir, "cat-file", "-e", "main:services/refund-api/main.tf")).toBe("");
    expect((await db.service.findUniqueOrThrow({ where: { name: "refund-api" } })).lifecycle).toBe("merged");
    // Every object the portal wrote is well-formed, as git itself checks it.
    expect(git(gitDir, "fsck", "--strict", "--no-dangling")).toBe("");

    const again = await call(
      mergeRoute.POST,
      `/api/pull-requests/${prNumber}/merge`,
      { method: "POST" },
      { number: String(prNumber) },
    );
    expect(again.status).toBe(409);
  });

  it("closing a pull request retires the proposed service", async () => {
    const ledger = await db.service.findUniqueOrThrow({ where: { name: "ledger-api" } });
    const closed = await call(
      closeRoute.POST,
      `/api/pull-requests/${ledger.pullRequestNumber}/close`,
      { method: "POST" },
      { number: String(ledger.pullRequestNumber) },
    );
    expect(closed.body.state).toBe("closed");
    expect((await db.service.findUniqueOrThrow({ where: { name: "ledger-api" } })).lifecycle).toBe("retired");
  });

  it("a failed step names itself, and a retry resumes there and completes", async () => {
    const res = await start(answers("tax-api"));
    // Someone registers the name between the request and the run: the run's own validation fails.
    const team = await db.team.findUniqueOrThrow({ where: { name: "growth" } });
    await db.service.create({
      data: {
        name: "tax-api",
        teamId: team.id,
        kind: "http",
        regions: ["us-central1"],
        repository: "x",
        path: "x",
        createdBy: "x",
      },
    });
    await workRuns(db);
    const failed = (await getRun(res.body.id)).body;
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("Validate the answers: name is taken");
    expect(failed.steps.map((s: { status: string }) => s.status)).toEqual([
      "failed",
      ...Array(6).fill("pending"),
    ]);

    await db.service.delete({ where: { name: "tax-api" } });
    const retried = await call(retryRoute.POST, "/x", { method: "POST" }, { id: res.body.id });
    expect(retried.status).toBe(200);
    await workRuns(db);
    const done = (await getRun(res.body.id)).body;
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
  });

  it("cancels a queued run; refuses to cancel once the pull request exists", async () => {
    const queued = await start(answers("fx-api"));
    const cancelled = await call(cancelRoute.POST, "/x", { method: "POST" }, { id: queued.body.id });
    expect(cancelled.body.status).toBe("cancelled");
    await workRuns(db);
    expect((await getRun(queued.body.id)).body.status).toBe("cancelled");
    expect(await db.service.findUnique({ where: { name: "fx-api" } })).toBeNull();

    const late = await call(cancelRoute.POST, "/x", { method: "POST" }, { id: runId });
    expect(late.status).toBe(409);
  });

  it("refuses a run for a team the person is not in (403), and changes nothing", async () => {
    const before = await db.scaffoldRun.count();
    const res = await start({ ...answers("growth-api"), team: "growth" });
    expect(res.status).toBe(403);
    expect(await db.scaffoldRun.count()).toBe(before);
  });
});

async function fetchEvents(id: string, lastEventId?: string): Promise<string> {
  const { NextRequest } = await import("next/server");
  const response = await eventsRoute.GET(
    new NextRequest(`http://localhost:3000/api/scaffold/runs/${id}/events`, {
      headers: lastEventId ? { "last-event-id": lastEventId } : {},
    }),
    { params: Promise.resolve({ id }) },
  );
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  return response.text();
}
