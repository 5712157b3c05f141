"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { buildFileTree } from "@/lib/scaffold/file-tree";
import type { OpenProblem, OpenPullRequest } from "@/lib/scaffold/use-open-pull-request";
import type { FileStatus, PreviewResponse } from "@/lib/templates/types";
import { FileTree } from "./file-tree";
import { FileViewer } from "./file-viewer";
import { PreviewChecks } from "./preview-checks";
import { StatusBadge } from "./status-badge";

/** The first file worth opening: the service's main Terraform file, else the first file. */
function firstFile(preview: PreviewResponse) {
  return (preview.files.find((f) => f.path === `${preview.root}main.tf`) ?? preview.files[0])?.path;
}

const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

/** Why "Open pull request" did not start a run, and what to do about it. */
function OpenProblemNotice({ problem, team }: { problem: OpenProblem; team: string }) {
  if (problem.kind === "forbidden")
    return (
      <Notice tone="danger" title={`Only members of ${team} (and admins) can create its services`}>
        {sentence(problem.message)} Pick a team you belong to in the form, or ask someone in {team}.
      </Notice>
    );
  if (problem.kind === "conflict")
    return (
      <Notice tone="warn" title="Not started">
        {sentence(problem.message)}
        {problem.runId ? (
          <>
            {" "}
            <Link href={`/runs/${problem.runId}`} className="text-accent underline">
              Follow that run
            </Link>
            .
          </>
        ) : null}
      </Notice>
    );
  return (
    <Notice tone="danger" title="The pull request could not be opened">
      {sentence(problem.message)} Trying again is safe: it never starts a second run for these answers.
    </Notice>
  );
}

/** What a scaffold run would propose: the summary, the checks, and every file with its diff. */
export function PreviewView({
  preview,
  team,
  pullRequest,
  onBack,
  onStartOver,
}: {
  preview: PreviewResponse;
  /** The owning team the answers name. */
  team: string;
  pullRequest: OpenPullRequest;
  onBack: () => void;
  onStartOver: () => void;
}) {
  const tree = useMemo(() => buildFileTree(preview.files, preview.root), [preview]);
  const [selectedPath, setSelectedPath] = useState(() => firstFile(preview));
  const selected = preview.files.find((f) => f.path === selectedPath) ?? preview.files[0];
  const counts = (status: FileStatus) => preview.files.filter((f) => f.status === status).length;
  const failed = preview.checks.filter((c) => !c.ok).length;
  const heading = useRef<HTMLHeadingElement>(null);
  // The step changed without a page load: put keyboard and screen-reader focus on the new content.
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="space-y-4">
      <h2 ref={heading} tabIndex={-1} className="sr-only">
        Preview of {preview.root}
      </h2>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Button onClick={onBack}>
            <svg viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.5">
              <path d="M9.5 3.5 5 8l4.5 4.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Back to the form
          </Button>
          <Button variant="ghost" onClick={onStartOver}>
            Start over
          </Button>
        </div>
        <div className="flex flex-col items-end gap-1">
          <Button
            variant="primary"
            disabled={failed > 0 || pullRequest.pending}
            aria-describedby="open-pr-note"
            onClick={pullRequest.open}
          >
            {pullRequest.pending ? <Spinner label="" /> : null}
            {pullRequest.pending ? "Opening pull request…" : "Open pull request"}
          </Button>
          <p id="open-pr-note" className="text-xs text-muted">
            {failed > 0 ? "Every check must pass first" : "Commits the files to a new branch for review"}
          </p>
        </div>
      </div>

      {pullRequest.problem ? <OpenProblemNotice problem={pullRequest.problem} team={team} /> : null}

      <Notice tone="info" title="Nothing is written yet">
        {counts("added") === preview.files.length
          ? `The target repository has none of these files yet, so every file is added. `
          : `Each file is compared with what the target repository holds today. `}
        Open pull request commits them on a new branch and opens a pull request for review; the service joins
        the catalog as “PR open” and becomes “Merged” once it is merged.
      </Notice>

      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Summary"
            description={
              <>
                Template <code className="text-foreground">{preview.template.id}</code> version{" "}
                {preview.template.version} · <code className="text-foreground">{preview.root}</code>
              </>
            }
            actions={
              <div role="group" className="flex flex-wrap gap-1.5" aria-label="Files by status">
                {(["added", "modified", "unchanged"] as const).map((status) =>
                  counts(status) ? (
                    <StatusBadge key={status} status={status}>
                      {counts(status)} {status}
                    </StatusBadge>
                  ) : null,
                )}
              </div>
            }
          />
          <p data-testid="preview-summary" className="px-4 py-3 text-sm leading-6 text-foreground">
            {preview.summary}
          </p>
        </Card>

        <Card>
          <CardHeader
            title="Checks"
            description={
              failed === 0
                ? `All ${preview.checks.length} checks passed.`
                : `${failed} of ${preview.checks.length} checks failed.`
            }
          />
          <PreviewChecks checks={preview.checks} />
        </Card>
      </div>

      <Card className="overflow-hidden">
        <CardHeader title="Files" description={`${preview.files.length} files in ${preview.root}`} />
        <div className="grid md:grid-cols-[17rem_minmax(0,1fr)]">
          <div className="border-b border-border md:border-r md:border-b-0">
            <FileTree tree={tree} selected={selected?.path} onSelect={setSelectedPath} />
          </div>
          {selected ? <FileViewer key={selected.path} file={selected} root={preview.root} /> : null}
        </div>
      </Card>
    </div>
  );
}
