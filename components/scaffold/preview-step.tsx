"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { useTemplatePreview } from "@/lib/hooks/use-template-preview";
import { previewIssues } from "@/lib/scaffold/preview-issues";
import type { OpenPullRequest } from "@/lib/scaffold/use-open-pull-request";
import type { ParamIssue } from "@/lib/templates/param-schema";
import type { TemplateDetail, TemplateParams } from "@/lib/templates/types";
import { PreviewView } from "./preview-view";

/** The preview of the stored answers; after a reload it asks the server again. */
export function PreviewStep({
  template,
  answers,
  enabled,
  pullRequest,
  onBack,
  onStartOver,
  onRejected,
}: {
  template: TemplateDetail;
  answers: TemplateParams;
  /** False until the stored answers are read (during hydration). */
  enabled: boolean;
  /** The "Open pull request" action for these answers. */
  pullRequest: OpenPullRequest;
  onBack: () => void;
  onStartOver: () => void;
  /** The answers were refused (a 422): show the form with these issues. */
  onRejected: (issues: ParamIssue[]) => void;
}) {
  const query = useTemplatePreview(template.id, template.version, answers, { enabled });

  if (query.isError) {
    const issues = previewIssues(query.error);
    return issues.length > 0 ? (
      <Notice tone="warn" title="These answers need fixing before there is a preview">
        <ul className="mt-1 list-disc pl-5">
          {issues.map((i) => (
            <li key={`${i.field}:${i.rule}`}>
              {i.field && <code className="text-foreground">{i.field}</code>} {i.rule}
            </li>
          ))}
        </ul>
        <Button className="mt-3" onClick={() => onRejected(issues)}>
          Back to the form
        </Button>
      </Notice>
    ) : (
      <Notice tone="danger" title="The preview could not be made">
        <p>{query.error.message}</p>
        <div className="mt-3 flex gap-2">
          <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
            Try again
          </Button>
          <Button variant="ghost" onClick={onBack}>
            Back to the form
          </Button>
        </div>
      </Notice>
    );
  }

  if (!query.data) {
    return (
      <div className="space-y-4" aria-busy="true">
        <span className="sr-only">Rendering the preview</span>
        <Skeleton className="h-20 w-full" />
        <Card className="grid min-h-96 gap-0 md:grid-cols-[18rem_1fr]">
          <div className="space-y-2 border-r border-border p-4">
            {Array.from({ length: 9 }, (_, i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
          <div className="space-y-2 p-4">
            {Array.from({ length: 12 }, (_, i) => (
              <Skeleton key={i} className="h-4" style={{ width: `${40 + ((i * 37) % 55)}%` }} />
            ))}
          </div>
        </Card>
      </div>
    );
  }

  return (
    <PreviewView
      preview={query.data}
      team={String(answers.team ?? "")}
      pullRequest={pullRequest}
      onBack={onBack}
      onStartOver={onStartOver}
    />
  );
}
