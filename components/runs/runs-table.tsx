import Link from "next/link";
import { PullRequestLink } from "@/components/pull-requests/pull-request-link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { RunSummary } from "@/lib/scaffold-runs";
import { durationBetween } from "./duration";
import { RunStatusBadge } from "./run-status-badge";
import { runsHref, type RunsParams } from "./runs-url";

/** Scaffold runs, newest first; each row opens its run. */
export function RunsTable({ runs, params }: { runs: RunSummary[]; params: RunsParams }) {
  return (
    <Table aria-label="Runs">
      <TableHead>
        <tr>
          <TableHeader>Service</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Template</TableHeader>
          <TableHeader>Requested by</TableHeader>
          <TableHeader>Started</TableHeader>
          <TableHeader>Took</TableHeader>
          <TableHeader>Pull request</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <TableRow key={run.id} data-testid="run-row" data-service={run.serviceName}>
            <TableCell>
              <Link
                href={`/runs/${run.id}`}
                className="font-mono text-sm font-medium text-accent hover:underline"
              >
                {run.serviceName}
              </Link>
            </TableCell>
            <TableCell>
              <div className="flex items-center gap-2">
                <RunStatusBadge status={run.status} />
                {run.status === "running" || run.status === "failed" ? (
                  <span className="text-xs text-muted" title={run.error ?? undefined}>
                    {run.step}
                  </span>
                ) : null}
              </div>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <code className="text-xs">{run.template.id}</code>{" "}
              <span className="text-xs text-muted">{run.template.version}</span>
            </TableCell>
            <TableCell>
              <Link
                href={runsHref(params, { requestedBy: run.requestedBy })}
                className="text-muted hover:text-foreground hover:underline"
                title={`Runs requested by ${run.requestedBy}`}
              >
                {run.requestedBy}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted">
              <time dateTime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted tabular-nums">
              {durationBetween(run.createdAt, run.finishedAt) ?? "—"}
            </TableCell>
            <TableCell>
              {run.pullRequest ? (
                <PullRequestLink pullRequest={run.pullRequest} className="text-accent hover:underline" />
              ) : (
                <span className="text-muted">—</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
