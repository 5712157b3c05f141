"use client";

import { useState } from "react";
import { useStartRun } from "@/lib/hooks/use-start-run";
import { ApiError } from "@/lib/query-client";
import type { ParamIssue } from "@/lib/templates/param-schema";
import type { TemplateDetail, TemplateParams } from "@/lib/templates/types";
import { previewIssues } from "./preview-issues";

/** Why the run was not started, when it is not a field to fix (those go back to the form). */
export type OpenProblem =
  | { kind: "forbidden"; message: string }
  | { kind: "conflict"; message: string; runId?: string }
  | { kind: "failed"; message: string };

export interface OpenPullRequest {
  open: () => void;
  /** From the click until the run page opens. */
  pending: boolean;
  problem: OpenProblem | undefined;
}

const RUN_ID = /\brun ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/;

/**
 * "Open pull request": starts the scaffold run of these answers with the draft's Idempotency-Key.
 * A 422 names fields to fix (`onRejected`), a 403 or 409 says who may or what is in the way.
 */
export function useOpenPullRequest(input: {
  template: Pick<TemplateDetail, "id" | "version">;
  answers: TemplateParams;
  runKeyFor: (fingerprint: string) => string;
  forgetRunKey: () => void;
  onCreated: (runId: string) => void;
  onRejected: (issues: ParamIssue[]) => void;
}): OpenPullRequest {
  const { template, answers, runKeyFor, forgetRunKey, onCreated, onRejected } = input;
  const start = useStartRun();
  const [problem, setProblem] = useState<OpenProblem>();

  const open = () => {
    if (start.isPending || start.isSuccess) return;
    setProblem(undefined);
    const idempotencyKey = runKeyFor(JSON.stringify([template.id, template.version, answers]));
    start.mutate(
      { template: template.id, version: template.version, params: answers, idempotencyKey },
      {
        onSuccess: ({ id }) => onCreated(id),
        onError: (error) => {
          const issues = previewIssues(error);
          if (issues.length > 0) return onRejected(issues);
          const status = error instanceof ApiError ? error.status : 0;
          if (status === 403) return setProblem({ kind: "forbidden", message: error.message });
          if (status === 409 && error instanceof ApiError) {
            const reported = error.body?.error.issues ?? [];
            // The key belongs to someone else's run (the person switched user): the next try gets a new one.
            if (reported.some((i) => i.field === "headers.idempotency-key")) forgetRunKey();
            const runId = reported.map((i) => RUN_ID.exec(i.rule)?.[1]).find(Boolean);
            return setProblem({ kind: "conflict", message: error.message, runId });
          }
          setProblem({ kind: "failed", message: error.message });
        },
      },
    );
  };

  return { open, pending: start.isPending || start.isSuccess, problem };
}
