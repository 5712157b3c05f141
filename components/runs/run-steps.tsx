"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ErrorIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { isFinished } from "@/lib/hooks/use-run-events";
import type { RunDetail, RunStepView } from "@/lib/scaffold-runs";
import { durationBetween, formatDuration } from "./duration";

/** Now, once a second while `active` (null on the server and before the first tick). */
function useNow(active: boolean) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return active ? now : null;
}

/** A step as shown: one a stopped (cancelled) run left "running" was stopped. */
type ShownStatus = RunStepView["status"] | "stopped";

const shownStatus = (step: RunStepView, run: RunDetail): ShownStatus =>
  step.status === "running" && isFinished(run.status) ? "stopped" : step.status;

function StepIcon({ status }: { status: ShownStatus }) {
  if (status === "done") return <CheckIcon className="size-4 text-ok" />;
  if (status === "failed") return <ErrorIcon className="size-4 text-danger" />;
  if (status === "running") return <Spinner label="" className="size-4 text-info" />;
  return (
    <svg viewBox="0 0 16 16" aria-hidden className="size-4 text-border-strong">
      <circle
        cx="8"
        cy="8"
        r="6.25"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeDasharray="2 2"
      />
    </svg>
  );
}

const statusWords = (status: ShownStatus, run: RunDetail) => {
  if (status === "pending") return isFinished(run.status) ? "Not run" : "Waiting";
  return { running: "Running", done: "Done", failed: "Failed", stopped: "Stopped" }[status];
};

/** The run's progress: done of total steps, as a bar coloured by how the run is going. */
export function RunProgress({ run }: { run: RunDetail }) {
  const { done, total } = run.progress;
  const bar = {
    queued: "bg-muted",
    running: "bg-accent",
    succeeded: "bg-ok",
    failed: "bg-danger",
    cancelled: "bg-warn",
  }[run.status];
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between text-xs">
        <span id="run-progress-label" className="font-medium text-foreground">
          Progress
        </span>
        <span data-testid="run-progress-text" className="text-muted tabular-nums">
          {done} / {total} steps
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="run-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} steps done`}
        className="h-2 overflow-hidden rounded-full bg-surface-muted ring-1 ring-border ring-inset"
      >
        <div
          className={cn("h-full rounded-full transition-[width] duration-500", bar)}
          style={{ width: `${total ? (done / total) * 100 : 0}%` }}
        />
      </div>
    </div>
  );
}

/** The seven steps of a run: icon, title, how long each took, the error of a failed one. */
export function RunSteps({ run }: { run: RunDetail }) {
  const now = useNow(run.steps.some((s) => s.status === "running"));
  return (
    <ol aria-label="Steps" className="space-y-px">
      {run.steps.map((step, index) => {
        const status = shownStatus(step, run);
        const took =
          status === "running"
            ? now !== null && step.startedAt
              ? formatDuration(now - Date.parse(step.startedAt))
              : null
            : durationBetween(step.startedAt, step.finishedAt);
        return (
          <li
            key={step.name}
            data-testid="run-step"
            data-step={step.name}
            data-status={step.status}
            aria-current={status === "running" ? "step" : undefined}
            className={cn(
              "rounded-md px-2 py-2",
              status === "running" && "bg-info/6",
              status === "failed" && "bg-danger/6",
            )}
          >
            <div className="flex items-center gap-2.5 text-sm">
              <span className="flex size-5 shrink-0 items-center justify-center">
                <StepIcon status={status} />
              </span>
              <span
                className={cn(
                  "min-w-0 flex-1",
                  status === "pending" || status === "stopped" ? "text-muted" : "text-foreground",
                  status === "running" && "font-medium",
                )}
              >
                <span className="sr-only">Step {index + 1}: </span>
                {step.title}
              </span>
              <span className="shrink-0 text-xs text-muted tabular-nums">
                <span className="sr-only">{statusWords(status, run)}</span>
                <span aria-hidden={took ? undefined : true}>{took ?? statusWords(status, run)}</span>
              </span>
            </div>
            {step.error ? (
              <p className="mt-1 ml-7.5 text-xs break-words whitespace-pre-wrap text-danger">{step.error}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
