"use client";

import { useMutation } from "@tanstack/react-query";
import type { ServiceUpdate } from "@/lib/catalog";
import type { ServiceDetail } from "@/lib/catalog-types";
import { apiFetch } from "@/lib/query-client";

export function useUpdateService(name: string) {
  return useMutation({
    mutationFn: (change: ServiceUpdate) =>
      apiFetch<ServiceDetail>(`/api/services/${encodeURIComponent(name)}`, { method: "PATCH", json: change }),
  });
}
