import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/server/integrations/git/github-retry";

// The retry policy alone; github-provider.test.ts drives it through Octokit against the double.
const policy = { retries: 4, minDelayMs: 100, maxDelayMs: 60_000 };
const answered = (status: number, message = "", headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } });

describe("retryDelayMs", () => {
  it("backs off exponentially (with jitter) on 5xx and on no answer at all", () => {
    for (const attempt of [1, 2, 3]) {
      const delay = retryDelayMs(answered(502), attempt, policy)!;
      expect(delay).toBeGreaterThanOrEqual(50 * 2 ** (attempt - 1));
      expect(delay).toBeLessThanOrEqual(100 * 2 ** (attempt - 1));
    }
    const network = Object.assign(new Error("connect ECONNREFUSED"), { status: 500 });
    expect(retryDelayMs(network, 1, policy)).toBeLessThanOrEqual(100);
    expect(retryDelayMs(answered(500), 20, policy)).toBeLessThanOrEqual(60_000);
  });

  it("honours retry-after, x-ratelimit-reset and GitHub's minute for secondary limits", () => {
    expect(retryDelayMs(answered(403, "secondary rate limit", { "retry-after": "2" }), 1, policy)).toBe(
      2_000,
    );
    expect(retryDelayMs(answered(429, "", { "retry-after": "0" }), 1, policy)).toBe(0);
    const reset = String(Math.floor(Date.now() / 1000) + 10);
    const primary = retryDelayMs(
      answered(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }),
      1,
      policy,
    )!;
    expect(primary).toBeGreaterThan(9_000);
    expect(primary).toBeLessThanOrEqual(11_000);
    expect(retryDelayMs(answered(403, "You have exceeded a secondary rate limit."), 1, policy)).toBe(60_000);
    expect(retryDelayMs(answered(429), 1, policy)).toBeGreaterThanOrEqual(1_000);
  });

  it("does not retry other 4xx", () => {
    for (const status of [400, 401, 404, 409, 422])
      expect(retryDelayMs(answered(status, "no"), 1, policy)).toBeNull();
    expect(retryDelayMs(answered(403, "Resource not accessible by integration"), 1, policy)).toBeNull();
  });
});
