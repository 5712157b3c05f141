import "server-only";

import { verify } from "@octokit/webhooks-methods";
import type { PullRequestState } from "./git-provider";

// GitHub webhooks: the signature check (x-hub-signature-256, HMAC-SHA256 of the raw body with the
// webhook secret) and what a pull_request event says about a pull request's state.

/**
 * Whether `signatureHeader` (the `x-hub-signature-256` header, `sha256=<hex>`) signs `rawBody` (the
 * request body exactly as received) with `secret`. A missing or malformed header is false.
 */
export async function verifyGitHubSignature(
  secret: string,
  rawBody: string,
  signatureHeader: string | null | undefined,
): Promise<boolean> {
  if (!secret) throw new Error("verifyGitHubSignature needs the webhook secret");
  if (!signatureHeader || !/^sha256=[0-9a-f]{64}$/i.test(signatureHeader)) return false;
  if (!rawBody) return false;
  return verify(secret, rawBody, signatureHeader.toLowerCase());
}

export interface PullRequestEventState {
  number: number;
  branch: string;
  state: PullRequestState;
  mergedAt: string | null;
}

/**
 * The pull request's number, head branch and state from a `pull_request` event's payload (closed
 * with `merged` → "merged"); null for payloads without a pull request, or when `event` (the
 * `x-github-event` header) is given and is not `pull_request`.
 */
export function pullRequestEventState(payload: unknown, event?: string | null): PullRequestEventState | null {
  if (event != null && event !== "pull_request") return null;
  if (typeof payload !== "object" || payload === null) return null;
  const pull = (payload as { pull_request?: unknown }).pull_request;
  if (typeof pull !== "object" || pull === null) return null;
  const { number, state, merged, merged_at, head } = pull as {
    number?: unknown;
    state?: unknown;
    merged?: unknown;
    merged_at?: unknown;
    head?: { ref?: unknown };
  };
  if (typeof number !== "number" || typeof head?.ref !== "string") return null;
  const mergedAt = typeof merged_at === "string" ? merged_at : null;
  const status: PullRequestState =
    merged === true || mergedAt !== null ? "merged" : state === "open" ? "open" : "closed";
  return { number, branch: head.ref, state: status, mergedAt };
}
