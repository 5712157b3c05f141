import "server-only";

import { createHash } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { log } from "@/server/observability/logger";
import type {
  CommitAuthor,
  FileChange,
  GitProvider,
  OpenPullRequest,
  PullRequestInfo,
  PullRequestState,
} from "./git-provider";
import {
  defaultRetry,
  fetchWithTimeout,
  GitHubApiError,
  installRetry,
  type RetryOptions,
} from "./github-retry";

// GitProvider on GitHub's REST API through Octokit. Every write is find-before-create, so any step
// can be repeated (by the caller, or by the retry hook after a lost answer) without a second branch,
// commit or pull request. Failures that are not retried surface as GitHubApiError naming the call.

export type GitHubAuth =
  { token: string } | { appId: number | string; privateKey: string; installationId: number | string };

export interface GitHubProviderOptions {
  owner: string;
  repo: string;
  baseBranch: string;
  /** The REST API's root; default https://api.github.com (a local double in tests). */
  baseUrl?: string;
  /** A token (personal or installation), or a GitHub App installed on the repository. */
  auth: GitHubAuth;
  /** The portal's own URL: sent in the User-Agent so GitHub's logs name who is calling. */
  portalUrl: string;
  retry?: Partial<RetryOptions>;
  /** Per request, default 30 s; a request that takes longer counts as failed and is retried. */
  requestTimeoutMs?: number;
}

/** The id git gives a blob with this content: sha1("blob <byte length>\0" + content). */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

interface GitHubPull {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  merged_at?: string | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: Array<{ name?: string } | string>;
}

interface TreeEntry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string | null;
}

const statusOf = (error: unknown) => (error instanceof GitHubApiError ? error.status : undefined);

export class GitHubProvider implements GitProvider {
  readonly kind = "github" as const;
  readonly repository: string;
  readonly baseBranch: string;
  private readonly octokit: Octokit;
  private readonly owner: string;
  private readonly repo: string;

  constructor(options: GitHubProviderOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.repository = `${options.owner}/${options.repo}`;
    this.baseBranch = options.baseBranch;
    const timeoutMs = options.requestTimeoutMs ?? 30_000;
    const auth = options.auth;
    this.octokit = new Octokit({
      baseUrl: options.baseUrl,
      userAgent: `meridian-portal (+${options.portalUrl})`,
      request: { fetch: fetchWithTimeout(timeoutMs) },
      // Failures reach the caller as thrown errors; Octokit's per-request error log would only
      // repeat them (and print expected 404s of find-before-create).
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => log.warn(`GitHub: ${message}`),
        error: () => {},
      },
      ...("token" in auth
        ? { auth: auth.token }
        : {
            authStrategy: createAppAuth,
            auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId },
          }),
    });
    installRetry(this.octokit, { ...defaultRetry, ...options.retry }, timeoutMs);
  }

  private get repoParams() {
    return { owner: this.owner, repo: this.repo };
  }

  /** The call's result, or null when GitHub answered 404. */
  private async orNull<T>(call: () => Promise<{ data: T }>): Promise<T | null> {
    try {
      return (await call()).data;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async readFile(path: string, ref: string = this.baseBranch): Promise<string | null> {
    const data = await this.orNull(() =>
      this.octokit.rest.repos.getContent({ ...this.repoParams, path, ref }),
    );
    if (!data || Array.isArray(data) || data.type !== "file") return null;
    const file = data as { sha: string; content?: string; encoding?: string };
    if (file.encoding === "base64") return Buffer.from(file.content ?? "", "base64").toString("utf8");
    // Files over 1 MB come without content ("encoding": "none"): read the blob.
    const blob = await this.octokit.rest.git.getBlob({ ...this.repoParams, file_sha: file.sha });
    return Buffer.from(blob.data.content, blob.data.encoding === "base64" ? "base64" : "utf8").toString(
      "utf8",
    );
  }

  async pathExists(path: string): Promise<boolean> {
    const params = { ...this.repoParams, path, ref: this.baseBranch };
    return (await this.orNull(() => this.octokit.rest.repos.getContent(params))) !== null;
  }

  /** The commit a branch points at, or null when the branch does not exist. */
  private async branchHead(branch: string): Promise<string | null> {
    const ref = await this.orNull(() =>
      this.octokit.rest.git.getRef({ ...this.repoParams, ref: `heads/${branch}` }),
    );
    return ref?.object.sha ?? null;
  }

  async ensureBranch(branch: string): Promise<{ sha: string; created: boolean }> {
    const existing = await this.branchHead(branch);
    if (existing) return { sha: existing, created: false };
    const base = await this.branchHead(this.baseBranch);
    if (!base) throw new Error(`The base branch ${this.baseBranch} does not exist in ${this.repository}`);
    try {
      await this.octokit.rest.git.createRef({ ...this.repoParams, ref: `refs/heads/${branch}`, sha: base });
      return { sha: base, created: true };
    } catch (error) {
      // A concurrent run, or our own create whose answer was lost before a retry.
      if (statusOf(error) === 422 && /reference already exists/i.test(String(error))) {
        const sha = await this.branchHead(branch);
        if (sha) return { sha, created: false };
      }
      throw error;
    }
  }

  /** The head commit's tree, and the files whose content differs from it. */
  private async diffAgainst(head: string, files: FileChange[]) {
    const commit = await this.octokit.rest.git.getCommit({ ...this.repoParams, commit_sha: head });
    const treeSha = commit.data.tree.sha;
    const tree = await this.octokit.rest.git.getTree({
      ...this.repoParams,
      tree_sha: treeSha,
      recursive: "1",
    });
    const entries = new Map<string, TreeEntry>();
    for (const entry of tree.data.tree as TreeEntry[]) if (entry.path) entries.set(entry.path, entry);
    const changed: FileChange[] = [];
    for (const file of files) {
      let entry = entries.get(file.path);
      if (!entry && tree.data.truncated) {
        // Too large a tree to list at once: ask for this path alone.
        const data = await this.orNull(() =>
          this.octokit.rest.repos.getContent({ ...this.repoParams, path: file.path, ref: head }),
        );
        if (data && !Array.isArray(data)) entry = { path: file.path, type: "blob", sha: data.sha };
      }
      if (entry?.type !== "blob" || entry.sha !== gitBlobSha(file.content)) changed.push(file);
    }
    return { treeSha, entries, changed };
  }

  async commitFiles(
    branch: string,
    files: FileChange[],
    message: string,
    author: CommitAuthor,
  ): Promise<{ sha: string; created: boolean }> {
    const head = await this.branchHead(branch);
    if (!head) throw new Error(`The branch ${branch} does not exist in ${this.repository}`);
    const { treeSha, entries, changed } = await this.diffAgainst(head, files);
    if (changed.length === 0) return { sha: head, created: false };

    const tree = [];
    for (const file of changed) {
      // One at a time: GitHub counts bursts of concurrent writes against the secondary rate limit.
      const blob = await this.octokit.rest.git.createBlob({
        ...this.repoParams,
        content: file.content,
        encoding: "utf-8",
      });
      const mode = entries.get(file.path)?.mode === "100755" ? "100755" : "100644";
      tree.push({ path: file.path, mode, type: "blob", sha: blob.data.sha } as const);
    }
    const newTree = await this.octokit.rest.git.createTree({ ...this.repoParams, base_tree: treeSha, tree });
    const commit = await this.octokit.rest.git.createCommit({
      ...this.repoParams,
      message,
      tree: newTree.data.sha,
      parents: [head],
      author: { name: author.name, email: author.email },
    });
    const sha = commit.data.sha;
    try {
      await this.octokit.rest.git.updateRef({
        ...this.repoParams,
        ref: `heads/${branch}`,
        sha,
        force: false,
      });
      return { sha, created: true };
    } catch (error) {
      // The branch moved meanwhile: our own update whose answer was lost, or another run's commit.
      if (statusOf(error) !== 422) throw error;
      const now = await this.branchHead(branch);
      if (now === sha) return { sha, created: true };
      if (now && (await this.diffAgainst(now, files)).changed.length === 0)
        return { sha: now, created: false };
      throw error;
    }
  }

  private toInfo(pull: GitHubPull): PullRequestInfo {
    const state: PullRequestState = pull.merged_at ? "merged" : pull.state === "open" ? "open" : "closed";
    return {
      number: pull.number,
      url: pull.html_url,
      title: pull.title,
      body: pull.body ?? "",
      branch: pull.head.ref,
      base: pull.base.ref,
      state,
      headSha: pull.head.sha,
      labels: pull.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
      mergedAt: pull.merged_at ?? null,
    };
  }

  async findPullRequest(branch: string): Promise<PullRequestInfo | null> {
    const { data } = await this.octokit.rest.pulls.list({
      ...this.repoParams,
      head: `${this.owner}:${branch}`,
      base: this.baseBranch,
      state: "all",
      per_page: 100,
    });
    const pulls = (data as GitHubPull[])
      .filter((p) => p.head.ref === branch && p.base.ref === this.baseBranch)
      .filter((p) => p.state === "open" || p.merged_at) // a closed, unmerged one is abandoned
      .sort((a, b) => b.number - a.number);
    return pulls[0] ? this.toInfo(pulls[0]) : null;
  }

  /** Adds the labels an open pull request lacks (a run may have stopped between create and label). */
  private async withLabels(pull: PullRequestInfo, labels: string[]): Promise<PullRequestInfo> {
    const missing = labels.filter((label) => !pull.labels.includes(label));
    if (pull.state !== "open" || missing.length === 0) return pull;
    const { data } = await this.octokit.rest.issues.addLabels({
      ...this.repoParams,
      issue_number: pull.number,
      labels: missing,
    });
    return { ...pull, labels: data.map((label) => label.name) };
  }

  async openPullRequest(request: OpenPullRequest): Promise<PullRequestInfo> {
    const existing = await this.findPullRequest(request.branch);
    if (existing) return this.withLabels(existing, request.labels);
    let created: PullRequestInfo;
    try {
      const { data } = await this.octokit.rest.pulls.create({
        ...this.repoParams,
        title: request.title,
        body: request.body,
        head: request.branch,
        base: this.baseBranch,
      });
      created = this.toInfo(data as GitHubPull);
    } catch (error) {
      if (statusOf(error) === 422 && /a pull request already exists/i.test(String(error))) {
        const found = await this.findPullRequest(request.branch);
        if (found) return this.withLabels(found, request.labels);
      }
      throw error;
    }
    return this.withLabels(created, request.labels);
  }

  async getPullRequest(number: number): Promise<PullRequestInfo | null> {
    const data = await this.orNull(() =>
      this.octokit.rest.pulls.get({ ...this.repoParams, pull_number: number }),
    );
    return data ? this.toInfo(data as GitHubPull) : null;
  }
}
