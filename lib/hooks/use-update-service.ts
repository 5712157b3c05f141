"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ServiceUpdate } from "@/lib/catalog";
import type { ServiceDetail } from "@/lib/catalog-types";
import { apiFetch } from "@/lib/query-client";
import { queryKeys } from "@/lib/query-keys";

export function useUpdateService(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ServiceUpdate) =>
      apiFetch<ServiceDetail>(`/api/services/${encodeURIComponent(name)}`, { method: "PATCH", json: change }),
    onSuccess: (service) => client.setQueryData(queryKeys.service(name), service),
  });
}
