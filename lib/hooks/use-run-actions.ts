"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query-client";
import type { RunDetail } from "@/lib/scaffold-runs";

const runAction = (id: string, action: "cancel" | "retry") =>
  apiFetch<RunDetail>(`/api/scaffold/runs/${encodeURIComponent(id)}/${action}`, { method: "POST" });

/** Asks a run to stop before its next step (possible until the pull request exists). */
export function useCancelRun(id: string) {
  return useMutation({ mutationFn: () => runAction(id, "cancel") });
}

/** Queues a failed run again from the step that failed. */
export function useRetryRun(id: string) {
  return useMutation({ mutationFn: () => runAction(id, "retry") });
}
