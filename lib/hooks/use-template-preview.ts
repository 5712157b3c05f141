"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query-client";
import type { PreviewResponse, TemplateParams } from "@/lib/templates/types";

/**
 * The preview of a template's answers. The wizard's Preview button fetches it (to catch a 422 before
 * leaving the form) and the preview step reads the same cache entry; a reload fetches it again.
 */
export function templatePreviewQuery(template: string, version: string, answers: TemplateParams) {
  return queryOptions({
    queryKey: ["scaffold", template, version, "preview", answers] as const,
    queryFn: ({ signal }) =>
      apiFetch<PreviewResponse>("/api/scaffold/preview", {
        method: "POST",
        json: { template, version, params: answers },
        signal,
      }),
    staleTime: 60_000,
    // A 422 names the fields to fix; asking again gives the same answer.
    retry: false,
  });
}

export function useTemplatePreview(
  template: string,
  version: string,
  answers: TemplateParams,
  options: { enabled: boolean },
) {
  return useQuery({ ...templatePreviewQuery(template, version, answers), enabled: options.enabled });
}
