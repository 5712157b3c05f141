import { z } from "zod";

// The scaffold-run API's shapes (docs/API.md), shared by the server and the run pages.

export const runStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export type StepStatus = "pending" | "running" | "done" | "failed";

export interface RunStepView {
  name: string;
  title: string;
  status: StepStatus;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunSummary {
  id: string;
  template: { id: string; version: string };
  serviceName: string;
  requestedBy: string;
  status: RunStatus;
  /** The step running, failed or last done. */
  step: string | null;
  error: string | null;
  pullRequest: { number: number; url: string } | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface RunDetail extends RunSummary {
  branch: string | null;
  attempts: number;
  cancelRequested: boolean;
  /** Whether a cancel is still possible: until the pull request exists. */
  cancellable: boolean;
  steps: RunStepView[];
  progress: { done: number; total: number };
}

export interface RunLogLine {
  id: string;
  at: string;
  level: "info" | "warn" | "error";
  message: string;
}

export const runListQuery = z.strictObject({
  requestedBy: z.email({ message: "must be an email address" }).optional(),
  template: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, { message: "must be a template id" })
    .optional(),
  status: z.enum(runStatuses, { message: `must be one of ${runStatuses.join(", ")}` }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunListQuery = z.infer<typeof runListQuery>;

export const runIdParams = z.object({ id: z.uuid({ message: "must be a run id (a UUID)" }) });
