import { z } from "zod";
import type { PullRequestView } from "../pull-requests";
import { runStatuses, type RunDetail, type RunLogLine, type RunSummary } from "../scaffold-runs";
import { apiSchemas, doc, type Same } from "./response-schemas";

// Response mirrors of the scaffold-run and pull-request API (lib/scaffold-runs.ts, lib/pull-requests.ts).

const isoDateTime = z.iso.datetime();

export const runSummarySchema = z.object({
  id: z.uuid(),
  template: z.object({ id: z.string(), version: z.string() }),
  serviceName: z.string(),
  requestedBy: z.string(),
  status: z.enum(runStatuses),
  step: doc(z.string().nullable(), "The step running, failed or last done."),
  error: doc(z.string().nullable(), "Why the run failed, naming the step."),
  pullRequest: z.object({ number: z.number().int(), url: z.string() }).nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
apiSchemas.add(runSummarySchema, { id: "ScaffoldRunSummary", description: "A scaffold run in a list." });

export const runListSchema = z.object({ items: z.array(runSummarySchema) });
apiSchemas.add(runListSchema, { id: "ScaffoldRunList", description: "Scaffold runs, newest first." });

export const runDetailSchema = runSummarySchema.extend({
  branch: z.string().nullable(),
  attempts: doc(
    z.number().int(),
    "How many times a worker claimed the run (a takeover after a crash adds one).",
  ),
  cancelRequested: z.boolean(),
  cancellable: doc(z.boolean(), "Whether `cancel` is still possible: until the pull request exists."),
  steps: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      status: z.enum(["pending", "running", "done", "failed"]),
      error: z.string().nullable(),
      startedAt: isoDateTime.nullable(),
      finishedAt: isoDateTime.nullable(),
    }),
  ),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
});
apiSchemas.add(runDetailSchema, {
  id: "ScaffoldRun",
  description:
    "A scaffold run: validate → render → check-target → branch → commit → pull-request → register, each recorded once done.",
});

export const runLogLineSchema = z.object({
  id: doc(z.string(), "The SSE event id; send it back as Last-Event-ID to resume after it."),
  at: isoDateTime,
  level: z.enum(["info", "warn", "error"]),
  message: z.string(),
});
apiSchemas.add(runLogLineSchema, {
  id: "ScaffoldRunLogLine",
  description: "One line of a run's log (an SSE `log` event).",
});

export const runAcceptedSchema = z.object({ id: z.uuid() });
apiSchemas.add(runAcceptedSchema, { id: "ScaffoldRunAccepted", description: "The queued run's id." });

export const pullRequestSchema = z.object({
  provider: z.enum(["local", "github"]),
  number: z.number().int(),
  url: z.string(),
  title: z.string(),
  body: z.string(),
  branch: z.string(),
  base: z.string(),
  state: z.enum(["open", "merged", "closed"]),
  labels: z.array(z.string()),
  headSha: z.string(),
  serviceName: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  mergedAt: isoDateTime.nullable(),
  mergedBy: z.string().nullable(),
  canMerge: doc(
    z.boolean(),
    "Whether you may merge or close it here: local repository, open, your team's service or you are an admin.",
  ),
  files: doc(
    z.array(
      z.object({
        path: z.string(),
        status: z.enum(["added", "modified", "deleted"]),
        before: z.string().nullable(),
        after: z.string().nullable(),
      }),
    ),
    "The changed files (local repository; GitHub shows its own).",
  ),
});
apiSchemas.add(pullRequestSchema, { id: "PullRequest", description: "A pull request the portal opened." });

export const webhookResultSchema = z.object({ status: z.enum(["updated", "unchanged", "ignored"]) });
apiSchemas.add(webhookResultSchema, { id: "WebhookResult", description: "What a webhook delivery changed." });

const _driftChecks: {
  summary: Same<z.infer<typeof runSummarySchema>, RunSummary>;
  detail: Same<z.infer<typeof runDetailSchema>, RunDetail>;
  log: Same<z.infer<typeof runLogLineSchema>, RunLogLine>;
  pullRequest: Same<z.infer<typeof pullRequestSchema>, PullRequestView>;
} = { summary: true, detail: true, log: true, pullRequest: true };
void _driftChecks;
