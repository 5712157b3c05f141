import "server-only";
import type { RunDetail, RunStepView, RunSummary, RunStatus, StepStatus } from "@/lib/scaffold-runs";
import type { Db } from "@/server/db/client";
import { runSteps } from "./run-steps";

type RunWithSteps = Awaited<ReturnType<Db["scaffoldRun"]["findUniqueOrThrow"]>> & {
  steps: {
    name: string;
    status: string;
    error: string | null;
    startedAt: Date | null;
    finishedAt: Date | null;
  }[];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

function stepViews(run: RunWithSteps): RunStepView[] {
  return runSteps.map((def) => {
    const row = run.steps.find((s) => s.name === def.name);
    return {
      name: def.name,
      title: def.title,
      status: (row?.status ?? "pending") as StepStatus,
      error: row?.error ?? null,
      startedAt: iso(row?.startedAt ?? null),
      finishedAt: iso(row?.finishedAt ?? null),
    };
  });
}

export function toRunSummary(run: RunWithSteps): RunSummary {
  const steps = stepViews(run);
  const current =
    steps.find((s) => s.status === "running" || s.status === "failed") ??
    steps.filter((s) => s.status === "done").at(-1);
  return {
    id: run.id,
    template: { id: run.templateId, version: run.templateVersion },
    serviceName: run.serviceName,
    requestedBy: run.requestedBy,
    status: run.status as RunStatus,
    step: current?.name ?? null,
    error: run.error,
    pullRequest:
      run.pullRequestNumber !== null && run.pullRequestUrl
        ? { number: run.pullRequestNumber, url: run.pullRequestUrl }
        : null,
    createdAt: run.createdAt.toISOString(),
    finishedAt: iso(run.finishedAt),
  };
}

export function toRunDetail(run: RunWithSteps): RunDetail {
  const steps = stepViews(run);
  const prDone = steps.find((s) => s.name === "pull-request")?.status === "done";
  return {
    ...toRunSummary(run),
    branch: run.branch,
    attempts: run.attempts,
    cancelRequested: run.cancelRequested,
    cancellable: !prDone && (run.status === "queued" || run.status === "running"),
    steps,
    progress: { done: steps.filter((s) => s.status === "done").length, total: steps.length },
  };
}
