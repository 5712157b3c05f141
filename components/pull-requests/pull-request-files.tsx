"use client";

import { useMemo, useState } from "react";
import { FileTree } from "@/components/scaffold/file-tree";
import { FileViewer } from "@/components/scaffold/file-viewer";
import { StatusBadge } from "@/components/scaffold/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { PullRequestFile } from "@/lib/pull-requests";
import { buildFileTree } from "@/lib/scaffold/file-tree";
import { commonRoot, toViewedFile } from "@/lib/scaffold/viewed-file";

const statuses = ["added", "modified", "deleted"] as const;

/** The pull request's changes: the files as a tree, the selected one as a diff against the base. */
export function PullRequestFiles({ files, base }: { files: PullRequestFile[]; base: string }) {
  const viewed = useMemo(() => files.map(toViewedFile), [files]);
  const root = useMemo(() => commonRoot(viewed.map((f) => f.path)), [viewed]);
  const tree = useMemo(() => buildFileTree(viewed, root), [viewed, root]);
  const [selectedPath, setSelectedPath] = useState(
    () => (viewed.find((f) => f.path === `${root}main.tf`) ?? viewed[0])?.path,
  );
  const selected = viewed.find((f) => f.path === selectedPath) ?? viewed[0];
  const count = (status: (typeof statuses)[number]) => viewed.filter((f) => f.status === status).length;

  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Files changed"
        description={`${viewed.length} ${viewed.length === 1 ? "file" : "files"}${root ? ` in ${root}` : ""}, against ${base}`}
        actions={
          <div role="group" className="flex flex-wrap gap-1.5" aria-label="Files by status">
            {statuses.map((status) =>
              count(status) ? (
                <StatusBadge key={status} status={status}>
                  {count(status)} {status}
                </StatusBadge>
              ) : null,
            )}
          </div>
        }
      />
      {selected ? (
        <div className="grid md:grid-cols-[17rem_minmax(0,1fr)]">
          <div className="border-b border-border md:border-r md:border-b-0">
            <FileTree tree={tree} selected={selected.path} onSelect={setSelectedPath} />
          </div>
          <FileViewer key={selected.path} file={selected} root={root} initialMode="diff" against={base} />
        </div>
      ) : (
        <p className="px-4 py-6 text-sm text-muted">This pull request changes no file.</p>
      )}
    </Card>
  );
}
