import "server-only";

// The repository generated services are proposed to. Two implementations: a local bare repository
// driven by the git CLI (embedded default, pull requests are branches plus records in the database)
// and GitHub through Octokit. Every write is idempotent ("find before create"), so a scaffold run
// can repeat any step after a crash or a failed call without making a second branch or pull request.

export interface FileChange {
  /** Repository-relative path, e.g. `services/checkout-api/main.tf`. */
  path: string;
  content: string;
}

export interface CommitAuthor {
  name: string;
  email: string;
}

export type PullRequestState = "open" | "merged" | "closed";

export interface PullRequestInfo {
  number: number;
  /** Where a person opens it: the portal's page (local) or github.com. */
  url: string;
  title: string;
  body: string;
  branch: string;
  base: string;
  state: PullRequestState;
  headSha: string;
  labels: string[];
  mergedAt: string | null;
}

export interface OpenPullRequest {
  branch: string;
  title: string;
  body: string;
  labels: string[];
}

export interface GitProvider {
  readonly kind: "local" | "github";
  /** For people: the bare repository's path, or `owner/repo`. */
  readonly repository: string;
  readonly baseBranch: string;
  /** A file's content on `ref` (default: the base branch), or null when it does not exist. */
  readFile(path: string, ref?: string): Promise<string | null>;
  /** Whether anything exists at this path (file or folder) on the base branch. */
  pathExists(path: string): Promise<boolean>;
  /** Creates `branch` at the base branch's head unless it exists. */
  ensureBranch(branch: string): Promise<{ sha: string; created: boolean }>;
  /**
   * Commits the files onto `branch` (a new commit whose parent is the branch head), unless the
   * branch head already holds exactly these contents at these paths; then returns that head.
   */
  commitFiles(
    branch: string,
    files: FileChange[],
    message: string,
    author: CommitAuthor,
  ): Promise<{ sha: string; created: boolean }>;
  /** The open or merged pull request from `branch` into the base branch, if any. */
  findPullRequest(branch: string): Promise<PullRequestInfo | null>;
  openPullRequest(request: OpenPullRequest): Promise<PullRequestInfo>;
  getPullRequest(number: number): Promise<PullRequestInfo | null>;
}
