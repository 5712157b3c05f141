"use client";

import { useMutation } from "@tanstack/react-query";
import type { PullRequestView } from "@/lib/pull-requests";
import { apiFetch } from "@/lib/query-client";

const pullRequestAction = (number: number, action: "merge" | "close") =>
  apiFetch<PullRequestView>(`/api/pull-requests/${number}/${action}`, { method: "POST" });

/** Merges a local pull request (a real merge commit); the service becomes "merged". */
export function useMergePullRequest(number: number) {
  return useMutation({ mutationFn: () => pullRequestAction(number, "merge") });
}

/** Closes a local pull request without merging; the proposed service is retired. */
export function useClosePullRequest(number: number) {
  return useMutation({ mutationFn: () => pullRequestAction(number, "close") });
}
