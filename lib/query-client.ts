import { QueryClient } from "@tanstack/react-query";
import type { ErrorBody } from "./errors";

/** One factory for the browser's query client. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: false } },
  });
}

/** A JSON API error as the browser sees it: the server's message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `Request failed with status ${status}`);
  }
}

/** fetch() for the portal's own JSON API; throws ApiError with the server's message. */
export async function apiFetch<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(path, {
    ...rest,
    headers: {
      accept: "application/json",
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : undefined;
  if (!response.ok) throw new ApiError(response.status, body as ErrorBody | undefined);
  return body as T;
}
