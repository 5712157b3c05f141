import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pullRequestEventState, verifyGitHubSignature } from "@/server/integrations/git/github-webhook";

const secret = "webhook-secret";
const body = JSON.stringify({ action: "closed", number: 7, pull_request: { number: 7 } });
const signature = (payload: string, key = secret) =>
  `sha256=${createHmac("sha256", key).update(payload).digest("hex")}`;

describe("verifyGitHubSignature", () => {
  it("accepts the x-hub-signature-256 of the raw body", async () => {
    expect(await verifyGitHubSignature(secret, body, signature(body))).toBe(true);
    expect(
      await verifyGitHubSignature(secret, body, signature(body).toUpperCase().replace("SHA256=", "sha256=")),
    ).toBe(true);
  });

  it("refuses a tampered body, another secret, and missing or malformed headers", async () => {
    expect(await verifyGitHubSignature(secret, body.replace("7", "8"), signature(body))).toBe(false);
    expect(await verifyGitHubSignature(secret, body, signature(body, "other-secret"))).toBe(false);
    expect(await verifyGitHubSignature(secret, body, undefined)).toBe(false);
    expect(await verifyGitHubSignature(secret, body, "")).toBe(false);
    expect(await verifyGitHubSignature(secret, body, signature(body).replace("sha256=", "sha1="))).toBe(
      false,
    );
    expect(await verifyGitHubSignature(secret, body, signature(body).slice(0, -2))).toBe(false);
    expect(await verifyGitHubSignature(secret, "", signature(""))).toBe(false);
  });
});

describe("pullRequestEventState", () => {
  const event = (pull: Record<string, unknown>, action = "opened") => ({
    action,
    number: 12,
    pull_request: {
      number: 12,
      state: "open",
      merged: false,
      merged_at: null,
      head: { ref: "meridian/new-x" },
      ...pull,
    },
  });

  it("maps opened, closed and merged pull requests", () => {
    expect(pullRequestEventState(event({}))).toEqual({
      number: 12,
      branch: "meridian/new-x",
      state: "open",
      mergedAt: null,
    });
    expect(pullRequestEventState(event({ state: "closed" }, "closed"))).toMatchObject({
      state: "closed",
      mergedAt: null,
    });
    const mergedAt = "2025-01-02T03:04:05Z";
    expect(
      pullRequestEventState(
        event({ state: "closed", merged: true, merged_at: mergedAt }, "closed"),
        "pull_request",
      ),
    ).toEqual({
      number: 12,
      branch: "meridian/new-x",
      state: "merged",
      mergedAt,
    });
  });

  it("is null for other events and payloads without a pull request", () => {
    expect(pullRequestEventState(event({}), "issues")).toBeNull();
    expect(pullRequestEventState({ action: "created", issue: { number: 1 } })).toBeNull();
    expect(pullRequestEventState({ pull_request: { number: "1", head: { ref: "x" } } })).toBeNull();
    expect(pullRequestEventState(null)).toBeNull();
    expect(pullRequestEventState("pull_request")).toBeNull();
  });
});
