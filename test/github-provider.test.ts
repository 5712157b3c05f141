import { generateKeyPairSync } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FileChange } from "@/server/integrations/git/git-provider";
import { GitHubProvider, type GitHubProviderOptions } from "@/server/integrations/git/github-provider";
import { startGitHubDouble, type GitHubDouble, type GitHubDoubleOptions } from "./support/github-double";

const owner = "acme";
const repo = "platform";
const token = "ghp_meridian_test";
const branch = "meridian/new-checkout-api";
const author = { name: "Dana Dev", email: "dana@example.com" };
const files: FileChange[] = [
  { path: "services/checkout-api/main.tf", content: 'module "service" {\n  name = "checkout-api"\n}\n' },
  { path: "services/checkout-api/main.go", content: "package main\n\n// Grüße ✓\nfunc main() {}\n" },
];
const pr = {
  branch,
  title: "New service checkout-api",
  body: "Created by Meridian.",
  labels: ["meridian", "new-service"],
};
const secondary = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

let double: GitHubDouble;

async function start(options: Partial<GitHubDoubleOptions> = {}) {
  double = await startGitHubDouble({
    owner,
    repo,
    tokens: [token],
    files: { "README.md": "# platform\n", "services/billing/main.tf": "# billing\n" },
    ...options,
  });
}

function provider(options: Partial<GitHubProviderOptions> = {}) {
  return new GitHubProvider({
    owner,
    repo,
    baseBranch: "main",
    baseUrl: double.url,
    auth: { token },
    portalUrl: "http://portal.test",
    retry: { retries: 4, minDelayMs: 10 },
    requestTimeoutMs: 2_000,
    ...options,
  });
}

const writes = () => double.requests.filter((r) => r.method !== "GET");

beforeEach(() => start());
afterEach(async () => {
  expect(double.errors).toEqual([]);
  await double.close();
});

describe("GitHubProvider against the GitHub double", () => {
  it("reads files and paths on the base branch, null / false when absent", async () => {
    const github = provider();
    expect(github.kind).toBe("github");
    expect(github.repository).toBe("acme/platform");
    expect(await github.readFile("README.md")).toBe("# platform\n");
    expect(await github.readFile("nope.txt")).toBeNull();
    expect(await github.readFile("services/billing")).toBeNull(); // a folder is no file
    expect(await github.pathExists("services/billing")).toBe(true);
    expect(await github.pathExists("services/billing/main.tf")).toBe(true);
    expect(await github.pathExists("services/checkout-api")).toBe(false);
    expect(double.requests.every((r) => r.authorization === `token ${token}`)).toBe(true);
  });

  it("ensureBranch → commitFiles → openPullRequest makes one branch, one commit, one labelled PR", async () => {
    const github = provider();
    const base = double.model.refs.get("main")!;
    expect(await github.ensureBranch(branch)).toEqual({ sha: base, created: true });
    const commit = await github.commitFiles(branch, files, "Add checkout-api", author);
    expect(commit.created).toBe(true);
    expect(double.model.commits.get(commit.sha)).toMatchObject({
      parents: [base],
      author: { name: "Dana Dev" },
    });
    for (const file of files) expect(double.fileAt(branch, file.path)).toBe(file.content);
    expect(double.fileAt(branch, "README.md")).toBe("# platform\n"); // built on the base tree
    expect(await github.readFile(files[1]!.path, branch)).toBe(files[1]!.content);

    const opened = await github.openPullRequest(pr);
    expect(opened).toEqual({
      number: 1,
      url: "https://github.com/acme/platform/pull/1",
      title: pr.title,
      body: pr.body,
      branch,
      base: "main",
      state: "open",
      headSha: commit.sha,
      labels: ["meridian", "new-service"],
      mergedAt: null,
    });
    expect(double.branches()).toEqual(["main", branch]);
    expect(double.model.commits.size).toBe(2);
    expect(double.pulls()).toHaveLength(1);
    expect(await github.getPullRequest(1)).toEqual(opened);
    expect(await github.getPullRequest(99)).toBeNull();

    // Every step again: nothing new is written.
    const before = writes().length;
    expect(await github.ensureBranch(branch)).toEqual({ sha: commit.sha, created: false });
    expect(await github.commitFiles(branch, files, "Add checkout-api", author)).toEqual({
      sha: commit.sha,
      created: false,
    });
    expect(await github.openPullRequest(pr)).toEqual(opened);
    expect(writes()).toHaveLength(before);
    expect(double.branches()).toEqual(["main", branch]);
    expect(double.pulls()).toHaveLength(1);
  });

  it("commits only what changed, keeping the other files", async () => {
    const github = provider();
    await github.ensureBranch(branch);
    const first = await github.commitFiles(branch, files, "Add", author);
    const changed = [files[0]!, { ...files[1]!, content: "package main\n" }];
    const second = await github.commitFiles(branch, changed, "Change", author);
    expect(second.created).toBe(true);
    expect(double.model.commits.get(second.sha)!.parents).toEqual([first.sha]);
    expect(double.calls("POST", "/git/blobs")).toHaveLength(3); // two, then the one changed file
    expect(double.fileAt(branch, files[0]!.path)).toBe(files[0]!.content);
    expect(double.fileAt(branch, files[1]!.path)).toBe("package main\n");
  });

  it("finds open or merged pull requests and ignores closed, unmerged ones", async () => {
    const github = provider();
    await github.ensureBranch(branch);
    await github.commitFiles(branch, files, "Add", author);
    await github.openPullRequest(pr);
    double.model.closePull(1);
    expect(await github.findPullRequest(branch)).toBeNull();
    const second = await github.openPullRequest(pr);
    expect(second.number).toBe(2);
    double.model.mergePull(2);
    const merged = await github.findPullRequest(branch);
    expect(merged).toMatchObject({ number: 2, state: "merged", labels: pr.labels });
    expect(merged!.mergedAt).toEqual(expect.any(String));
    expect(await github.openPullRequest(pr)).toEqual(merged); // merged counts: no third one
    expect((await github.getPullRequest(1))!.state).toBe("closed");
  });
});

describe("retries", () => {
  it("retries a 500 and succeeds", async () => {
    double.failNext({ method: "POST", pathPattern: "/git/refs", status: 500 });
    expect((await provider().ensureBranch(branch)).created).toBe(true);
    expect(double.calls("POST", "/git/refs").map((r) => r.status)).toEqual([500, 201]);
  });

  it("waits out a secondary rate limit's retry-after", async () => {
    const github = provider();
    await github.ensureBranch(branch);
    await github.commitFiles(branch, files, "Add", author);
    double.failNext({
      method: "POST",
      pathPattern: "/pulls",
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: secondary },
    });
    const started = Date.now();
    expect((await github.openPullRequest(pr)).number).toBe(1);
    const [limited, accepted] = double.calls("POST", "/pulls");
    expect([limited!.status, accepted!.status]).toEqual([403, 201]);
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("retries a request that times out, and names the call when it keeps timing out", async () => {
    const github = provider({ requestTimeoutMs: 300 });
    await github.ensureBranch(branch);
    await github.commitFiles(branch, files, "Add", author);
    double.delayNext({ method: "POST", pathPattern: "/pulls", ms: 800 }); // times out; the server answers it late
    expect((await github.openPullRequest(pr)).number).toBe(1);
    // The late first attempt still runs on the server: wait for its answer (it meets "already exists").
    await vi.waitFor(() => expect(double.calls("POST", "/pulls").map((r) => r.status)).not.toContain(0), {
      timeout: 3_000,
    });
    expect(double.pulls()).toHaveLength(1);
    // Logged in order of arrival: the late first attempt met the retry's pull request.
    expect(double.calls("POST", "/pulls").map((r) => r.status)).toEqual([422, 201]);

    double.delayNext({ method: "GET", pathPattern: "/contents/README.md", ms: 500, times: 2 });
    await expect(
      provider({ requestTimeoutMs: 300, retry: { retries: 1, minDelayMs: 10 } }).readFile("README.md"),
    ).rejects.toThrow(
      "GitHub GET /repos/acme/platform/contents/README.md got no answer (timed out after 300 ms) after 2 attempts",
    );
  });

  it("retries when nothing answers, then names the call and the network error", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const github = provider({ baseUrl: `http://127.0.0.1:${port}`, retry: { retries: 2, minDelayMs: 5 } });
    await expect(github.readFile("README.md")).rejects.toThrow(
      /^GitHub GET \/repos\/acme\/platform\/contents\/README\.md got no answer \(connect ECONNREFUSED .*\) after 3 attempts$/,
    );
  });

  it("a failure right after the branch was created ends with exactly one branch", async () => {
    double.failAfter({ method: "POST", pathPattern: "/git/refs", status: 500 });
    const result = await provider().ensureBranch(branch);
    expect(result).toEqual({ sha: double.model.refs.get("main"), created: false });
    expect(double.branches()).toEqual(["main", branch]);
    expect(double.calls("POST", "/git/refs").map((r) => r.status)).toEqual([500, 422]);
  });

  it("a failure right after the ref update or the pull request was created changes nothing twice", async () => {
    const github = provider();
    await github.ensureBranch(branch);
    double.failAfter({ method: "PATCH", pathPattern: /\/git\/refs\/heads\//, status: 502 });
    const commit = await github.commitFiles(branch, files, "Add", author);
    expect(commit.created).toBe(true);
    expect(double.model.refs.get(branch)).toBe(commit.sha);
    expect(double.model.commits.get(commit.sha)!.parents).toEqual([double.model.refs.get("main")]);

    double.failAfter({ method: "POST", pathPattern: "/pulls", status: 500 });
    const opened = await github.openPullRequest(pr);
    expect(double.pulls()).toHaveLength(1);
    expect(opened).toMatchObject({ number: 1, labels: pr.labels, headSha: commit.sha });
  });

  it("a persistent 500 is an error naming the call; repeating the step later completes it once", async () => {
    const github = provider({ retry: { retries: 2, minDelayMs: 10 } });
    double.failNext({ method: "POST", pathPattern: "/git/refs", status: 500, times: 3 });
    await expect(github.ensureBranch(branch)).rejects.toThrow(
      "GitHub POST /repos/acme/platform/git/refs answered 500: Internal Server Error after 3 attempts",
    );
    expect(double.branches()).toEqual(["main"]);
    expect((await github.ensureBranch(branch)).created).toBe(true);
    await github.commitFiles(branch, files, "Add", author);

    // Two 503s, then a third attempt that creates the pull request and still answers 500.
    double.failNext({ method: "POST", pathPattern: "/pulls", status: 503, times: 2 });
    double.failAfter({ method: "POST", pathPattern: "/pulls", status: 500 });
    await expect(github.openPullRequest(pr)).rejects.toThrow(
      "GitHub POST /repos/acme/platform/pulls answered 500: Internal Server Error after 3 attempts",
    );
    expect(double.pulls()).toHaveLength(1);
    expect(double.pulls()[0]!.labels).toEqual([]); // the run stopped before labelling
    expect((await github.openPullRequest(pr)).labels).toEqual(pr.labels); // labelled on the repeat
    expect(double.branches()).toEqual(["main", branch]);
    expect(double.pulls()).toHaveLength(1);
  });

  it("does not retry 401, 404 or a 403 that is no rate limit, nor a wait longer than the cap", async () => {
    await expect(provider({ auth: { token: "wrong" } }).readFile("README.md")).rejects.toThrow(
      /^GitHub GET \/repos\/acme\/platform\/contents\/README\.md answered 401: Bad credentials/,
    );
    expect(double.requests).toHaveLength(1);
    expect(await provider().readFile("missing.md")).toBeNull();
    expect(double.requests).toHaveLength(2);
    double.failNext({
      method: "POST",
      pathPattern: "/git/refs",
      status: 403,
      body: { message: "Resource not accessible by integration" },
    });
    await expect(provider().ensureBranch(branch)).rejects.toThrow(
      /answered 403: Resource not accessible by integration$/,
    );
    expect(double.calls("POST", "/git/refs")).toHaveLength(1);
    double.failNext({
      method: "POST",
      pathPattern: "/git/refs",
      status: 429,
      headers: { "retry-after": "3600" },
    });
    await expect(provider().ensureBranch(branch)).rejects.toThrow(
      /GitHub asks to wait 3600 s, longer than the 60 s/,
    );
  });
});

describe("GitHub App authentication", () => {
  const appId = 123456;
  const installationId = 4242;
  const keys = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" }, // the format GitHub hands out
  });

  beforeEach(async () => {
    await double.close();
    await start({ tokens: [], app: { appId, publicKey: keys.publicKey, installationId } });
  });

  it("exchanges an RS256 app JWT for an installation token and uses it", async () => {
    const github = provider({ auth: { appId, privateKey: keys.privateKey, installationId } });
    double.failNext({ method: "POST", pathPattern: /access_tokens$/, status: 502 }); // retried too
    await github.ensureBranch(branch);
    await github.commitFiles(branch, files, "Add", author);
    expect((await github.openPullRequest(pr)).labels).toEqual(pr.labels);

    const exchanges = double.calls("POST", `/app/installations/${installationId}/access_tokens`);
    expect(exchanges.map((r) => r.status)).toEqual([502, 201]);
    expect(exchanges[1]!.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i);
    expect(double.issuedTokens).toHaveLength(1); // cached for the following calls
    const repoCalls = double.requests.filter((r) => r.path.startsWith("/repos/"));
    expect(repoCalls.every((r) => r.authorization === `token ${double.issuedTokens[0]}`)).toBe(true);
  });

  it("a JWT signed with another key is refused with a clear error", async () => {
    const other = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const github = provider({ auth: { appId, privateKey: other.privateKey, installationId } });
    await expect(github.readFile("README.md")).rejects.toThrow(
      `GitHub POST /app/installations/${installationId}/access_tokens answered 401: A JSON web token could not be decoded`,
    );
    expect(double.issuedTokens).toHaveLength(0);
  });
});
