"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query-client";
import { queryKeys } from "@/lib/query-keys";

export interface DevUser {
  email: string;
  name: string;
  isAdmin: boolean;
  teams: string[];
}

export function useDevUsers() {
  return useQuery({
    queryKey: queryKeys.devUsers,
    queryFn: () => apiFetch<{ current: string; users: DevUser[] }>("/api/dev/session"),
  });
}

export function useSwitchDevUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (email: string) =>
      apiFetch<{ email: string }>("/api/dev/session", { method: "POST", json: { email } }),
    onSuccess: () => client.invalidateQueries(),
  });
}
