"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { buildFileTree } from "@/lib/scaffold/file-tree";
import type { FileStatus, PreviewResponse } from "@/lib/templates/types";
import { FileTree } from "./file-tree";
import { FileViewer } from "./file-viewer";
import { PreviewChecks } from "./preview-checks";
import { StatusBadge } from "./status-badge";

/** The first file worth opening: the service's main Terraform file, else the first file. */
function firstFile(preview: PreviewResponse) {
  return (preview.files.find((f) => f.path === `${preview.root}main.tf`) ?? preview.files[0])?.path;
}

/** What a scaffold run would propose: the summary, the checks, and every file with its diff. */
export function PreviewView({
  preview,
  onBack,
  onStartOver,
}: {
  preview: PreviewResponse;
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
          <Button variant="primary" disabled aria-describedby="create-pr-note">
            Create pull request
          </Button>
          <p id="create-pr-note" className="text-xs text-muted">
            Arrives with the pull-request issue (issue #4)
          </p>
        </div>
      </div>

      <Notice tone="info" title="Nothing is written yet">
        {counts("added") === preview.files.length
          ? `The target repository has none of these files yet, so every file is added. `
          : `Each file is compared with what the target repository holds today. `}
        Opening the pull request arrives with the pull-request issue (issue #4); until then this preview is
        the whole result.
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
