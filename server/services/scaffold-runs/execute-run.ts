import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { telemetry } from "@/server/integrations/telemetry/telemetry";
import { repository } from "@/server/services/scaffold/repository";
import { heartbeat, releaseRun } from "./claim-run";
import { appendRunLog } from "./run-log";
import { runSteps, StepFailure, type StepContext } from "./run-steps";

const HEARTBEAT_MS = 2_000;

/**
 * Tests only: after this step's effect, before it is recorded, the worker waits here (so a test can
 * kill or stop the process at the worst moment and check that another process finishes the run once).
 */
const PAUSE_AFTER = process.env.MERIDIAN_TEST_PAUSE_AFTER_STEP;

/** Records a step's state, only while `worker` still holds the run. */
async function setStep(
  db: Db,
  runId: string,
  worker: string,
  name: string,
  data: Prisma.ScaffoldRunStepUpdateManyMutationInput,
): Promise<boolean> {
  const { count } = await db.scaffoldRunStep.updateMany({
    where: { runId, name, run: { claimedBy: worker, status: "running" } },
    data,
  });
  return count === 1;
}

async function finish(
  db: Db,
  runId: string,
  worker: string,
  status: "succeeded" | "failed" | "cancelled",
  error?: string,
) {
  const { count } = await db.scaffoldRun.updateMany({
    where: { id: runId, claimedBy: worker, status: "running" },
    data: { status, error: error ?? null, finishedAt: new Date(), claimedBy: null, heartbeatAt: null },
  });
  if (count === 1) telemetry().count("meridian.scaffold.runs.finished", { status });
}

/**
 * Carries a claimed run to its end: skips the steps already done (their outputs feed the next
 * ones), runs the rest in order, and stops as soon as the claim is lost. A failing step fails the
 * run with that step named; `retryRun` queues it again from there.
 */
export async function executeRun(
  db: Db,
  runId: string,
  worker: string,
  stopping?: AbortSignal,
): Promise<void> {
  const log = (level: "info" | "warn" | "error", message: string) => appendRunLog(db, runId, level, message);
  let lost = false;
  const beat = setInterval(() => {
    heartbeat(db, runId, worker).then(
      (held) => (lost ||= !held),
      () => undefined,
    );
  }, HEARTBEAT_MS);
  try {
    const claimed = await db.scaffoldRun.findUniqueOrThrow({
      where: { id: runId },
      select: { attempts: true },
    });
    await log("info", `${worker} took the run (attempt ${claimed.attempts})`);
    const repo = await repository(db);
    const outputs: Record<string, Prisma.JsonObject> = {};
    const recorded = await db.scaffoldRunStep.findMany({ where: { runId } });
    for (const step of runSteps) {
      const state = recorded.find((s) => s.name === step.name);
      // Shutting down: every finished step is recorded; another process carries on from here.
      if (stopping?.aborted && state?.status !== "done") {
        await log("info", `${worker} is shutting down: handing the run over before "${step.title}"`);
        return void (await releaseRun(db, runId, worker));
      }
      if (state?.status === "done") {
        outputs[step.name] = (state.output ?? {}) as Prisma.JsonObject;
        continue;
      }
      const run = await db.scaffoldRun.findUniqueOrThrow({ where: { id: runId } });
      if (lost || run.claimedBy !== worker || run.status !== "running") return;
      if (run.cancelRequested && !outputs["pull-request"]) {
        await log("warn", `cancelled by request before "${step.title}"`);
        return void (await finish(db, runId, worker, "cancelled"));
      }
      await setStep(db, runId, worker, step.name, { status: "running", startedAt: new Date(), error: null });
      await log("info", `▶ ${step.title}`);
      const ctx: StepContext = { db, run, repo, outputs, log: (message) => log("info", message) };
      let output: Prisma.JsonObject;
      try {
        output = await step.run(ctx);
      } catch (error) {
        const message = error instanceof StepFailure ? error.message : `${(error as Error).message ?? error}`;
        await setStep(db, runId, worker, step.name, {
          status: "failed",
          error: message,
          finishedAt: new Date(),
        });
        await log("error", `✗ ${step.title}: ${message}`);
        return void (await finish(db, runId, worker, "failed", `${step.title}: ${message}`));
      }
      if (PAUSE_AFTER === step.name) {
        await log("warn", `test hook: paused after ${step.name}`);
        // Until the process is told to stop (SIGTERM): then the step is recorded and the run handed
        // over, as a step in flight at a graceful shutdown would be. SIGKILL never gets that far.
        await new Promise<void>((resolve) =>
          stopping?.addEventListener("abort", () => resolve(), { once: true }),
        );
      }
      if (!(await setStep(db, runId, worker, step.name, { status: "done", output, finishedAt: new Date() })))
        return;
      outputs[step.name] = output;
    }
    await log("info", "✓ done");
    await finish(db, runId, worker, "succeeded");
  } finally {
    clearInterval(beat);
  }
}
