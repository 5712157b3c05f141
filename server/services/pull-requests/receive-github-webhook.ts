import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { pullRequestEventState, verifyGitHubSignature } from "@/server/integrations/git/github-webhook";
import { applyPullRequestState } from "./sync-pull-request";

const MAX_BODY = 25 << 20;

/**
 * A GitHub webhook delivery: refused with 401 unless its HMAC signature (X-Hub-Signature-256) matches
 * GITHUB_WEBHOOK_SECRET; `pull_request` events move the mirrored pull request and its service.
 */
export async function receiveGitHubWebhook(
  db: Db,
  delivery: { event: string | null; signature: string | null; body: string },
): Promise<{ status: "updated" | "unchanged" | "ignored" }> {
  const secret = env().GITHUB_WEBHOOK_SECRET;
  if (!secret) throw new AppError("not_found", "GitHub webhooks are not configured (GITHUB_WEBHOOK_SECRET)");
  if (delivery.body.length > MAX_BODY) throw new AppError("bad_request", "Webhook payload too large");
  if (!delivery.signature || !(await verifyGitHubSignature(secret, delivery.body, delivery.signature)))
    throw new AppError("unauthenticated", "The X-Hub-Signature-256 signature does not match this payload");
  if (delivery.event !== "pull_request") return { status: "ignored" };
  let payload: unknown;
  try {
    payload = JSON.parse(delivery.body);
  } catch {
    throw new AppError("bad_request", "The payload is not JSON");
  }
  const change = pullRequestEventState(payload);
  if (!change) return { status: "ignored" };
  const updated = await applyPullRequestState(db, {
    provider: "github",
    number: change.number,
    state: change.state,
    by: "github",
  });
  return { status: updated ? "updated" : "unchanged" };
}
