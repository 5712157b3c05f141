import { runListQuery } from "../scaffold-runs";
import { parameterRef } from "./parameters";
import { jsonContent } from "./refs";
import { idempotencyKey, operation, queryParameters, response, success } from "./operation";
import type { OpenApiDocument } from "./types";

// The operations of templates, scaffold runs, the pull requests they open, and GitHub's webhook
// deliveries.

const runListQueryDocs: Record<keyof typeof runListQuery.shape, string> = {
  requestedBy: "Only runs started by this person (email).",
  template: "Only runs of this template id.",
  status: "Only runs in this state: queued, running, succeeded, failed, cancelled.",
  limit: "At most this many runs, newest first (1-200, default 50).",
};

/** Templates, scaffold runs, pull requests and webhooks. */
export function scaffoldPaths(): OpenApiDocument["paths"] {
  return {
    "/api/templates": {
      get: operation({
        operationId: "listTemplates",
        summary: "The template gallery",
        tags: ["templates"],
        ok: success("Every template.", "TemplateList"),
      }),
    },
    "/api/templates/{id}": {
      get: operation({
        operationId: "getTemplate",
        summary: "One template and its form",
        description:
          "The fields that drive both the wizard's form and the server's validation, and the options of the selects: the catalog's teams, the environment's regions (`MERIDIAN_REGIONS`), GitHub events.",
        tags: ["templates"],
        parameters: [parameterRef("TemplateId")],
        ok: success("The template.", "TemplateDetail"),
        errors: [400, 404],
      }),
    },
    "/api/scaffold/preview": {
      post: operation({
        operationId: "previewScaffold",
        summary: "Every file a new service would generate, checked",
        description:
          "Renders the template for the answers without changing anything: every file under `services/<name>/` with its status against the target repository, `meridian.lock.json`, a summary in words, and the checks (Terraform parses and is in canonical format, module inputs match the platform modules, Go is gofmt-clean when the portal's machine has Go, JSON parses, names follow the platform rules). Bad answers, a taken name or an unknown version are a 422 naming each field (`body.params.<key>`) and its rule.",
        tags: ["templates"],
        requestBody: { required: true, content: jsonContent("ScaffoldPreviewRequest") },
        ok: success("The preview.", "ScaffoldPreview"),
        errors: [400, 404, 422],
      }),
    },
    "/api/scaffold/validate": {
      post: operation({
        operationId: "validateAnswers",
        summary: "Check a form's answers",
        description:
          "The preview's validation as a 200 for the live form, including what only the server knows: the team exists, the regions are the environment's, the name is free in the catalog and in the target repository.",
        tags: ["templates"],
        requestBody: { required: true, content: jsonContent("AnswerValidationRequest") },
        ok: success("The issues, none when ok.", "AnswerValidation"),
        errors: [400, 404, 422],
      }),
    },
    "/api/scaffold/runs": {
      post: operation({
        operationId: "startScaffoldRun",
        summary: "Create a new service: queue a scaffold run",
        description:
          "Checks the answers like the preview (422 naming each field, nothing created), requires membership of the chosen team (403), and queues a run that any portal process may carry out: validate → render → check-target → branch → commit → pull-request → register. An `Idempotency-Key` header makes a repeated POST answer the run it first created (`Idempotent-Replayed: true`). 409 while another run for the same name is in progress.",
        tags: ["scaffold"],
        parameters: [idempotencyKey("run")],
        requestBody: { required: true, content: jsonContent("ScaffoldPreviewRequest") },
        ok: { "202": response("Queued; `Location` is the run.", "ScaffoldRunAccepted") },
        errors: [400, 403, 404, 409, 422],
      }),
      get: operation({
        operationId: "listScaffoldRuns",
        summary: "Past and current scaffold runs",
        tags: ["scaffold"],
        parameters: queryParameters(runListQuery, runListQueryDocs),
        ok: success("The runs.", "ScaffoldRunList"),
        errors: [400],
      }),
    },
    "/api/scaffold/runs/{id}": {
      get: operation({
        operationId: "getScaffoldRun",
        summary: "One scaffold run with its steps",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run.", "ScaffoldRun"),
        errors: [400, 404],
      }),
    },
    "/api/scaffold/runs/{id}/events": {
      get: operation({
        operationId: "streamScaffoldRunEvents",
        summary: "A run's progress as Server-Sent Events",
        description:
          "`log` events (data: ScaffoldRunLogLine; `id` is the line's id), a `run` event (data: ScaffoldRun) whenever the run changes, and `end` (data: `{status}`) once it is finished. Reconnect with `Last-Event-ID` to resume after a line.",
        tags: ["scaffold"],
        parameters: [
          parameterRef("RunId"),
          {
            name: "Last-Event-ID",
            in: "header",
            required: false,
            description: "Resume after this log line.",
            schema: { type: "string" },
          },
        ],
        ok: {
          "200": {
            description: "The event stream.",
            content: { "text/event-stream": { schema: { type: "string" } } },
          },
        },
        errors: [400, 404],
      }),
    },
    "/api/scaffold/runs/{id}/cancel": {
      post: operation({
        operationId: "cancelScaffoldRun",
        summary: "Stop a run before its next step",
        description:
          "Possible until the pull request exists (409 after: close the pull request instead). Team members and admins.",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run.", "ScaffoldRun"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/scaffold/runs/{id}/retry": {
      post: operation({
        operationId: "retryScaffoldRun",
        summary: "Queue a failed run again, from the step that failed",
        tags: ["scaffold"],
        parameters: [parameterRef("RunId")],
        ok: success("The run, queued.", "ScaffoldRun"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/pull-requests/{number}": {
      get: operation({
        operationId: "getPullRequest",
        summary: "A pull request the portal opened, with its changes",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The pull request.", "PullRequest"),
        errors: [400, 404],
      }),
    },
    "/api/pull-requests/{number}/merge": {
      post: operation({
        operationId: "mergePullRequest",
        summary: "Merge a local pull request",
        description:
          "A real merge commit on the base branch of the local repository; the service becomes `merged`. Members of the owning team and admins; 409 when it is not open, conflicts, or lives on GitHub.",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The merged pull request.", "PullRequest"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/pull-requests/{number}/close": {
      post: operation({
        operationId: "closePullRequest",
        summary: "Close a local pull request without merging",
        description: "The proposed service is retired. Members of the owning team and admins.",
        tags: ["pull-requests"],
        parameters: [parameterRef("PullRequestNumber")],
        ok: success("The closed pull request.", "PullRequest"),
        errors: [400, 403, 404, 409],
      }),
    },
    "/api/webhooks/github": {
      post: operation({
        operationId: "receiveGitHubWebhook",
        summary: "GitHub webhook deliveries",
        description:
          "Authenticated by `X-Hub-Signature-256` (HMAC-SHA256 of the body with GITHUB_WEBHOOK_SECRET), not by identity: a bad signature is 401 and changes nothing. `pull_request` events move the pull request and its service (merged → `merged`, closed → `retired`); other events are ignored. 404 when no secret is configured.",
        tags: ["webhooks"],
        open: true,
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        ok: success("What changed.", "WebhookResult"),
        errors: [400, 401, 404, 500],
      }),
    },
  };
}
