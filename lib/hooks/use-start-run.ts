"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query-client";
import type { TemplateParams } from "@/lib/templates/types";

export interface StartRunInput {
  template: string;
  version: string;
  params: TemplateParams;
  /** The same key for a repeated request (double click, retry after a lost answer): one run. */
  idempotencyKey: string;
}

/** Starts a scaffold run (`POST /api/scaffold/runs`); answers the run's id. */
export function useStartRun() {
  return useMutation({
    mutationFn: ({ idempotencyKey, ...request }: StartRunInput) =>
      apiFetch<{ id: string }>("/api/scaffold/runs", {
        method: "POST",
        json: request,
        headers: { "idempotency-key": idempotencyKey },
      }),
  });
}
