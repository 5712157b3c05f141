import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import {
  killReplayWorkerProcesses,
  recordedEvents,
  replayToTrigger,
  startReplayWorkerProcess,
  until,
  type Db,
} from "./support/replay-processes";
import { branches, git } from "./support/scaffold-runs";
import { validAnswers } from "./support/template-answers";

// Graceful shutdown, as Cloud Run does it: SIGTERM, then SIGKILL 10 s later. The process carrying
// out a replay commits the batch in flight, hands the job back and exits 0 well within that; another
// process takes it over at once (the claims' staleness is the default 15 s, so a takeover within
// a few seconds can only come from the hand-back) and finishes it: every event once. The same for
// a scaffold run: the step in flight is recorded, then the run is handed over. Two processes need
// PostgreSQL.

let portal: PortalEnvironment;
let db: Db;
let gitDir: string;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  gitDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-shutdown-")), "repository.git");
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_GIT_DIR: gitDir,
    MERIDIAN_DEV_USER: "dev@meridian.local",
  });
  db = await (await import("@/server/db/client")).getDb();
});
afterAll(async () => {
  killReplayWorkerProcesses();
  await portal?.dispose();
  if (gitDir) fs.rmSync(path.dirname(gitDir), { recursive: true, force: true });
});

/** Sends SIGTERM; resolves with the exit code and how long the process took to exit. */
async function terminate(child: import("node:child_process").ChildProcess) {
  const signalled = Date.now();
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  return { code, ms: Date.now() - signalled };
}

describe.runIf(process.env.DATABASE_URL)("a replay whose process gets SIGTERM", () => {
  let recorded: string[] = [];

  beforeAll(async () => {
    ({ recorded } = await recordedEvents(60));
  });

  it("is handed back with its batch committed, the process exits 0, and another finishes it at once", async () => {
    const { id, view } = await replayToTrigger(10); // batches of 10, one a second

    const first = startReplayWorkerProcess(15, "pipe");
    const output: string[] = [];
    first.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    await until("the first worker to send 20 events", async () => (await view()).sent >= 20);
    const { code, ms } = await terminate(first);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(8_000);
    expect(output.join("")).toMatch(/SIGTERM: stopping replay worker[\s\S]*SIGTERM: stopped in \d+ ms/);

    // Handed back: queued, unclaimed, and the counts are whole batches that are all in the log.
    const handed = await db.replayJob.findUniqueOrThrow({ where: { id } });
    expect(handed).toMatchObject({ status: "queued", claimedBy: null, heartbeatAt: null });
    expect(handed.sent % 10).toBe(0);
    expect(handed.sent).toBeLessThan(60);
    expect(await db.busEvent.count({ where: { replayJobId: id } })).toBe(handed.sent);

    const takenOver = Date.now();
    startReplayWorkerProcess(15);
    await until("the second worker to take the job", async () => {
      const j = await db.replayJob.findUniqueOrThrow({ where: { id } });
      return j.status === "running" && j.claimedBy !== null;
    });
    // Well before the 15 s staleness: the job was handed back, not abandoned.
    expect(Date.now() - takenOver).toBeLessThan(10_000);
    const done = await until("the replay to complete", async () => {
      const v = await view();
      return v.status === "completed" ? v : null;
    });
    expect(done).toMatchObject({ total: 60, sent: 60, failed: 0 });
    const rows = await db.busEvent.findMany({ where: { replayJobId: id } });
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => (r.extensions as Record<string, string>).replayedfrom))).toEqual(
      new Set(recorded),
    );
  });
});

describe.runIf(process.env.DATABASE_URL)("a scaffold run whose process gets SIGTERM mid-step", () => {
  it("records the step, hands the run over, and another process ends it with one pull request", async () => {
    const runs = await import("@/app/api/scaffold/runs/route");
    const name = "shutdown-commit";
    const res = await call(runs.POST, "/api/scaffold/runs", {
      method: "POST",
      json: { template: "http-service", params: { ...validAnswers("http-service"), name, team: "checkout" } },
    });
    expect(res.status).toBe(202);
    const id: string = res.body.id;
    const spawnRunWorker = (env: Record<string, string> = {}) =>
      spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "test/support/run-worker-process.ts"],
        {
          env: { ...process.env, MERIDIAN_JOB_STALE_SECONDS: "15", ...env },
          stdio: ["ignore", "ignore", "inherit"],
        },
      );

    // The first process made the commit and waits (test hook) before recording the step.
    const first = spawnRunWorker({ MERIDIAN_TEST_PAUSE_AFTER_STEP: "commit" });
    await until("the commit step's effect", () =>
      db.scaffoldRunLog.findFirst({ where: { runId: id, message: "test hook: paused after commit" } }),
    );
    const { code, ms } = await terminate(first);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(8_000);
    const handed = await db.scaffoldRun.findUniqueOrThrow({ where: { id } });
    expect(handed).toMatchObject({ status: "queued", claimedBy: null });
    const steps = await db.scaffoldRunStep.findMany({ where: { runId: id }, orderBy: { startedAt: "asc" } });
    expect(steps.find((s) => s.name === "commit")?.status).toBe("done");
    expect(steps.find((s) => s.name === "pull-request")?.status).not.toBe("done");
    expect(steps.find((s) => s.name === "pull-request")?.status).not.toBe("running");

    const takenOver = Date.now();
    const second = spawnRunWorker();
    try {
      const run = await until("the run to finish", async () => {
        const r = await db.scaffoldRun.findUniqueOrThrow({ where: { id } });
        return r.status === "succeeded" || r.status === "failed" ? r : null;
      });
      expect(run.status, run.error ?? "").toBe("succeeded");
      expect(Date.now() - takenOver).toBeLessThan(15_000);
    } finally {
      second.kill("SIGKILL");
    }
    const branch = `meridian/new-service/${name}-${id.slice(0, 8)}`;
    expect(branches(gitDir).filter((b) => b.includes(name))).toEqual([branch]);
    expect(git(gitDir, "rev-list", "--count", `main..${branch}`)).toBe("1");
    expect(await db.pullRequest.count({ where: { serviceName: name } })).toBe(1);
  });
});
