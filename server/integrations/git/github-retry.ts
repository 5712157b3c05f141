import "server-only";

import type { Octokit } from "@octokit/rest";

// Retries for every GitHub call the provider makes, as an Octokit request hook around the whole
// request (authentication included, so a failed installation-token exchange is retried too).
// Retried: 5xx, network errors and timeouts, secondary rate limits (403/429 with `retry-after`, or a
// message naming the secondary rate limit) and 429. Not retried: every other 4xx. Waits honour
// `retry-after` (seconds) and `x-ratelimit-reset`; a wait longer than `maxDelayMs` is not waited
// out but reported. Writes are retried as well: every provider step is find-before-create, so a
// create that landed before its answer was lost meets "already exists" on the retry and reads it.

export interface RetryOptions {
  /** Retries after the first attempt (default 4: five attempts in all). */
  retries: number;
  /** The first backoff; it doubles with each retry (default 500 ms). */
  minDelayMs: number;
  /** The longest single wait (default 60 s). */
  maxDelayMs: number;
}

export const defaultRetry: RetryOptions = { retries: 4, minDelayMs: 500, maxDelayMs: 60_000 };

/** A GitHub call that failed for good: `call` is e.g. `POST /repos/acme/infra/git/refs`. */
export class GitHubApiError extends Error {
  constructor(
    readonly call: string,
    /** The HTTP status, or null when no answer came (network error, timeout). */
    readonly status: number | null,
    /** GitHub's message (for 422s it includes the `errors[].message`). */
    readonly detail: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    const answer = status === null ? `got no answer (${detail})` : `answered ${status}: ${detail}`;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    super(`GitHub ${call} ${answer}${tries}`, options);
    this.name = "GitHubApiError";
  }
}

interface OctokitRequestError {
  status?: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
  /** The request that failed: the wrapped call, or one made on its behalf (an installation token). */
  request?: { method: string; url: string };
  cause?: unknown;
}

function asRequestError(error: unknown): OctokitRequestError {
  return error instanceof Error ? (error as OctokitRequestError) : { message: String(error) };
}

/** How long to wait before retrying, or null when this failure is not retried. */
export function retryDelayMs(error: unknown, attempt: number, options: RetryOptions): number | null {
  const { status, message, response } = asRequestError(error);
  const backoff = Math.min(options.minDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
  const jittered = backoff / 2 + Math.random() * (backoff / 2);
  if (!response) return status === undefined || status >= 500 ? jittered : null; // no answer at all
  if (status !== undefined && status >= 500) return jittered;
  if (status !== 403 && status !== 429) return null;
  const headers = response.headers;
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter))
    return Math.max(retryAfter * 1000, 0);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) {
    return Math.max(reset * 1000 - Date.now(), 0) + 1000;
  }
  // GitHub: without retry-after, wait at least a minute after a secondary rate limit.
  if (/secondary rate limit/i.test(message)) return 60_000;
  return status === 429 ? Math.max(jittered, 1000) : null;
}

/** `fetch` with a timeout per request (the caller's own signal still applies). */
export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // no-store: Next.js extends fetch with a data cache; GitHub reads must always be fresh.
    return fetch(input, { ...init, cache: "no-store", signal });
  };
}

function callOf(request: { method: string; url: string }): string {
  return `${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`;
}

function describeFailure(error: unknown, call: string, timeoutMs: number) {
  const { status, message, response, request, cause } = asRequestError(error);
  const failedCall = request?.url ? callOf(request) : call;
  if (response) return { call: failedCall, status: status ?? null, detail: message };
  const timedOut = cause instanceof Error && cause.name === "TimeoutError";
  return { call: failedCall, status: null, detail: timedOut ? `timed out after ${timeoutMs} ms` : message };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function installRetry(octokit: Octokit, options: RetryOptions, timeoutMs: number): void {
  octokit.hook.wrap("request", async (request, endpoint) => {
    const call = callOf(octokit.request.endpoint.parse(endpoint));
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(endpoint);
      } catch (error) {
        if (error instanceof GitHubApiError) throw error;
        const wait = retryDelayMs(error, attempt, options);
        const failure = describeFailure(error, call, timeoutMs);
        if (wait === null || attempt > options.retries) {
          throw new GitHubApiError(failure.call, failure.status, failure.detail, attempt, { cause: error });
        }
        if (wait > options.maxDelayMs) {
          const waitFor = `GitHub asks to wait ${Math.ceil(wait / 1000)} s, longer than the ${options.maxDelayMs / 1000} s this portal waits`;
          const detail = `${failure.detail} (${waitFor})`;
          throw new GitHubApiError(failure.call, failure.status, detail, attempt, { cause: error });
        }
        await sleep(wait);
      }
    }
  });
}
