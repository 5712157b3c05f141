"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/query-client";
import type { TemplateParams, ValidationResponse } from "@/lib/templates/types";

const DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The server's view of the answers (its rules plus what only it knows, such as a name already in the
 * catalog), asked once the answers have been still for 400 ms. The result carries the answers it was
 * about, so the form can drop an issue as soon as that answer changes.
 */
export function useValidateAnswers(template: string, answers: TemplateParams, options: { enabled: boolean }) {
  const debounced = useDebounced(answers, DEBOUNCE_MS);
  return useQuery({
    queryKey: ["scaffold", template, "validate", debounced] as const,
    queryFn: async ({ signal }) => {
      const result = await apiFetch<ValidationResponse>("/api/scaffold/validate", {
        method: "POST",
        json: { template, params: debounced },
        signal,
      });
      return { answers: debounced, ...result };
    },
    enabled: options.enabled && debounced === answers,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
}
