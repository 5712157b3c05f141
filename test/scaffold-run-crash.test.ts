import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { branches } from "./support/scaffold-runs";
import { validAnswers } from "./support/template-answers";

// The crash test: a portal process (the worker alone, as a child process) is killed with SIGKILL
// right after each step's effect and before the step is recorded; another process takes the run
// over once the heartbeat is stale and finishes it with exactly one branch and one pull request.
// Both processes share a PostgreSQL database, as two replicas would.

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const STEPS = ["validate", "render", "check-target", "branch", "commit", "pull-request", "register"];

let portal: PortalEnvironment;
let gitDir: string;
let runsRoute: typeof import("@/app/api/scaffold/runs/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;
const children = new Set<ChildProcess>();

function startWorker(pauseAfter?: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "test/support/run-worker-process.ts"],
    {
      env: {
        ...process.env,
        MERIDIAN_JOB_STALE_SECONDS: "2",
        ...(pauseAfter ? { MERIDIAN_TEST_PAUSE_AFTER_STEP: pauseAfter } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  gitDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meridian-crash-")), "repository.git");
  portal = await preparePortalEnvironment(
    {
      MERIDIAN_MODE: "embedded",
      MERIDIAN_SEED_DEMO: "true",
      MERIDIAN_GIT_DIR: gitDir,
      MERIDIAN_DEV_USER: "dev@meridian.local",
    },
    ADMIN_URL,
  );
  runsRoute = await import("@/app/api/scaffold/runs/route");
  db = await (await import("@/server/db/client")).getDb();
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await portal?.dispose();
  fs.rmSync(path.dirname(gitDir), { recursive: true, force: true });
});

describe("a portal process killed during a scaffold run", () => {
  for (const step of STEPS)
    it(`after "${step}": another process finishes the run with one branch and one pull request`, async () => {
      const name = `crash-${step}`;
      const res = await call(runsRoute.POST, "/api/scaffold/runs", {
        method: "POST",
        json: {
          template: "http-service",
          params: { ...validAnswers("http-service"), name, team: "checkout" },
        },
      });
      expect(res.status).toBe(202);
      const id: string = res.body.id;

      const first = startWorker(step);
      await until(`the first worker to pause after ${step}`, () =>
        db.scaffoldRunLog.findFirst({ where: { runId: id, message: `test hook: paused after ${step}` } }),
      );
      first.kill("SIGKILL");
      await until(
        "the first worker to die",
        async () => first.exitCode !== null || first.signalCode !== null,
      );

      const second = startWorker();
      const run = await until("the run to finish", async () => {
        const r = await db.scaffoldRun.findUniqueOrThrow({ where: { id } });
        return r.status === "succeeded" || r.status === "failed" ? r : null;
      });
      second.kill("SIGKILL");

      expect(run.status, run.error ?? "").toBe("succeeded");
      expect(run.attempts).toBe(2);
      expect(branches(gitDir).filter((b) => b.includes(name))).toEqual([
        `meridian/new-service/${name}-${id.slice(0, 8)}`,
      ]);
      expect(await db.pullRequest.count({ where: { serviceName: name } })).toBe(1);
      expect(await db.service.count({ where: { name } })).toBe(1);
      const commits = await import("./support/scaffold-runs").then(({ git }) =>
        git(gitDir, "rev-list", "--count", `main..meridian/new-service/${name}-${id.slice(0, 8)}`),
      );
      expect(commits).toBe("1");
    });
});
