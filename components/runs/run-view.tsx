"use client";

import Link from "next/link";
import { PullRequestLink } from "@/components/pull-requests/pull-request-link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { useCancelRun, useRetryRun } from "@/lib/hooks/use-run-actions";
import { isFinished, useRunEvents, type RunConnection } from "@/lib/hooks/use-run-events";
import type { RunDetail, RunLogLine } from "@/lib/scaffold-runs";
import { durationBetween } from "./duration";
import { RunLog } from "./run-log";
import { RunStatusBadge } from "./run-status-badge";
import { RunProgress, RunSteps } from "./run-steps";

const connectionText: Record<RunConnection, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-muted" },
  live: { text: "Live", dot: "bg-ok animate-pulse" },
  reconnecting: { text: "Reconnecting…", dot: "bg-warn animate-pulse" },
  closed: { text: "Not updating", dot: "bg-danger" },
  ended: { text: "Finished", dot: "bg-muted" },
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline gap-2">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 truncate">{children}</dd>
    </div>
  );
}

/** What the run ended with: the pull request and the service, or why it stopped. */
function RunOutcome({ run }: { run: RunDetail }) {
  if (run.status === "failed")
    return (
      <Notice tone="danger" title={`The run failed${run.step ? ` at “${stepTitle(run, run.step)}”` : ""}`}>
        <p className="break-words whitespace-pre-wrap">{run.error ?? "No reason was recorded."}</p>
        <p className="mt-1">
          Retry resumes at the step that failed; the steps already done are not repeated.
        </p>
      </Notice>
    );
  if (run.status === "cancelled")
    return (
      <Notice tone="warn" title="The run was cancelled">
        Nothing more will happen. Start again from{" "}
        <Link href={`/new/${run.template.id}`} className="text-accent underline">
          the template
        </Link>{" "}
        to create the service.
      </Notice>
    );
  if (!run.pullRequest) return null;
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="run-outcome">
      <div className="min-w-0 text-sm">
        <p className="font-medium text-foreground">
          {run.status === "succeeded"
            ? `${run.serviceName} is proposed in pull request #${run.pullRequest.number}`
            : `Pull request #${run.pullRequest.number} is open`}
        </p>
        <p className="text-muted">
          {run.status === "succeeded"
            ? "Review the files and merge it; the catalog lists the service as “PR open” until then."
            : "The remaining steps register the service in the catalog."}
        </p>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        {run.status === "succeeded" ? (
          <Link href={`/services/${run.serviceName}`} className={buttonClasses({ variant: "secondary" })}>
            Service page
          </Link>
        ) : null}
        <PullRequestLink pullRequest={run.pullRequest} className={buttonClasses({ variant: "primary" })}>
          Open pull request #{run.pullRequest.number}
        </PullRequestLink>
      </div>
    </Card>
  );
}

const stepTitle = (run: RunDetail, name: string) => run.steps.find((s) => s.name === name)?.title ?? name;

/** One scaffold run, live: header, outcome, the steps with a progress bar, and the log. */
export function RunView({ initial, initialLines }: { initial: RunDetail; initialLines: RunLogLine[] }) {
  const { run, lines, connection, setRun, restart } = useRunEvents(initial, initialLines);
  const cancel = useCancelRun(run.id);
  const retry = useRetryRun(run.id);
  const actionError = cancel.error ?? retry.error;
  const took = durationBetween(run.createdAt, run.finishedAt);
  const status = connectionText[connection];

  const onRetry = () => {
    cancel.reset();
    retry.mutate(undefined, { onSuccess: restart });
  };
  const onCancel = () => {
    retry.reset();
    cancel.mutate(undefined, { onSuccess: setRun });
  };

  return (
    <div className="space-y-4">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <Link href="/runs" className="hover:text-foreground hover:underline">
            Runs
          </Link>{" "}
          <span aria-hidden>/</span> <span className="font-mono text-xs">{run.id.slice(0, 8)}</span>
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="font-mono text-2xl font-semibold tracking-tight">{run.serviceName}</h1>
              <RunStatusBadge status={run.status} />
              <span className="flex items-center gap-1.5 text-xs text-muted" data-testid="run-connection">
                <span aria-hidden className={cn("size-1.5 rounded-full", status.dot)} />
                {status.text}
              </span>
            </div>
            <p className="text-sm text-muted">
              New service from a template: {run.steps.length} steps, each recorded once done.
            </p>
          </div>
          <div className="flex items-center gap-2">
            {connection === "closed" ? (
              <Button variant="ghost" onClick={() => restart(run)}>
                Reconnect
              </Button>
            ) : null}
            {run.cancellable ? (
              <Button onClick={onCancel} disabled={cancel.isPending || run.cancelRequested}>
                {run.cancelRequested ? "Cancelling…" : cancel.isPending ? "Cancelling…" : "Cancel run"}
              </Button>
            ) : null}
            {run.status === "failed" ? (
              <Button variant="primary" onClick={onRetry} disabled={retry.isPending}>
                {retry.isPending ? "Retrying…" : "Retry"}
              </Button>
            ) : null}
          </div>
        </div>
        <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Template">
            <code className="text-xs">{run.template.id}</code> {run.template.version}
          </Fact>
          <Fact label="Requested by">
            <Link
              href={`/runs?requestedBy=${encodeURIComponent(run.requestedBy)}`}
              className="text-accent hover:underline"
            >
              {run.requestedBy}
            </Link>
          </Fact>
          <Fact label="Started">
            <time dateTime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
            {took ? <span className="text-muted"> · took {took}</span> : null}
          </Fact>
          <Fact label="Branch">
            {run.branch ? (
              <code className="text-xs" title={run.branch}>
                {run.branch}
              </code>
            ) : (
              <span className="text-muted" title="Recorded when the pull request opens">
                —
              </span>
            )}
          </Fact>
          {run.attempts > 1 ? <Fact label="Attempts">{run.attempts}</Fact> : null}
        </dl>
      </header>

      {actionError ? (
        <Notice tone="danger" title={cancel.error ? "Could not cancel the run" : "Could not retry the run"}>
          {actionError.message}
        </Notice>
      ) : null}

      <RunOutcome run={run} />

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <Card>
          <CardHeader
            title="Steps"
            description={
              isFinished(run.status)
                ? `${run.progress.done} of ${run.progress.total} done.`
                : run.status === "queued"
                  ? "Waiting for a worker to pick the run up."
                  : `Step ${Math.min(run.progress.done + 1, run.progress.total)} of ${run.progress.total}.`
            }
          />
          <div className="space-y-3 p-3">
            <RunProgress run={run} />
            <RunSteps run={run} />
          </div>
        </Card>
        <Card className="overflow-hidden">
          <CardHeader title="Log" description={`${lines.length} ${lines.length === 1 ? "line" : "lines"}`} />
          <RunLog lines={lines} live={!isFinished(run.status)} />
        </Card>
      </div>
      {isFinished(run.status) ? null : (
        <noscript>
          <p className="text-sm text-muted">
            This page updates itself with JavaScript; reload it to see progress.
          </p>
        </noscript>
      )}
    </div>
  );
}
