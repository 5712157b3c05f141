"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/query-client";
import type { ReplayEstimate, ReplayView } from "@/lib/replays";

/** POST /api/replays/estimate. */
export function useReplayEstimate() {
  return useMutation({
    mutationFn: (body: unknown) =>
      apiFetch<ReplayEstimate>("/api/replays/estimate", { method: "POST", json: body }),
  });
}

/** POST /api/replays, with an Idempotency-Key per form submission (a retried click makes no second job). */
export function useStartReplay() {
  return useMutation({
    mutationFn: ({ body, key }: { body: unknown; key: string }) =>
      apiFetch<{ id: string }>("/api/replays", {
        method: "POST",
        json: body,
        headers: { "idempotency-key": key },
      }),
  });
}

/** Pause, resume or cancel; answers the replay as it is now. */
export function useReplayControl(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "pause" | "resume" | "cancel") =>
      apiFetch<ReplayView>(`/api/replays/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["replays"] }),
  });
}

/** A replay's progress, live over SSE (GET /api/replays/{id}/events) until it ends. */
export function useReplayProgress(initial: ReplayView): { replay: ReplayView; live: boolean } {
  const [replay, setReplay] = useState(initial);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/replays/${encodeURIComponent(initial.id)}/events`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("replay", (m) =>
      setReplay(JSON.parse((m as MessageEvent<string>).data) as ReplayView),
    );
    source.addEventListener("end", () => {
      setLive(false);
      source.close();
    });
    return () => source.close();
  }, [initial.id]);
  return { replay, live };
}

/** The replays sent to a service (GET /api/replays?service=), refreshed every 30 s. */
export function useServiceReplays(service: string) {
  return useQuery({
    queryKey: ["replays", service],
    queryFn: ({ signal }) =>
      apiFetch<ReplayView[]>(`/api/replays?service=${encodeURIComponent(service)}`, { signal }),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
  });
}
