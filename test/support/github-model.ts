// The in-memory git repository behind the GitHub REST double (github-double.ts): blobs with real git
// blob ids, flat trees (path → blob sha), commits, branch refs, and pull requests with labels.
import { createHash, randomBytes } from "node:crypto";

export function sha1(data: string | Buffer): string {
  return createHash("sha1").update(data).digest("hex");
}

/** The id git gives a blob: sha1("blob <byte length>\0" + content). */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
}

export interface Person {
  name: string;
  email: string;
  date: string;
}

export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Person;
}

export interface Pull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: "open" | "closed";
  mergedAt: string | null;
  /** The head commit when the pull request was closed or merged (open ones follow the branch). */
  closedHeadSha: string | null;
  labels: string[];
  createdAt: string;
}

export class GitModel {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, Commit>();
  /** branch name → commit sha */
  readonly refs = new Map<string, string>();
  readonly pulls: Pull[] = [];

  constructor(
    readonly baseBranch: string,
    files: Record<string, string>,
  ) {
    const tree = new Map(Object.entries(files).map(([path, content]) => [path, this.putBlob(content)]));
    const root = this.putCommit(this.putTree(tree), [], "Initial commit", {
      name: "Platform",
      email: "platform@example.com",
      date: new Date(0).toISOString(),
    });
    this.refs.set(baseBranch, root);
  }

  putBlob(content: string): string {
    const sha = gitBlobSha(content);
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: Map<string, string>): string {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const sha = sha1(`tree ${JSON.stringify(sorted)}`);
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  putCommit(tree: string, parents: string[], message: string, author: Person): string {
    // Random salt: two identical commit requests give two commits, as on GitHub (dates differ).
    const sha = sha1(`commit ${tree} ${parents.join(",")} ${message} ${randomBytes(8).toString("hex")}`);
    this.commits.set(sha, { sha, tree, parents, message, author });
    return sha;
  }

  /** A branch name or a commit sha → the commit sha, or undefined. */
  resolve(ref: string): string | undefined {
    return this.refs.get(ref) ?? (this.commits.has(ref) ? ref : undefined);
  }

  treeOfCommit(commitSha: string): Map<string, string> {
    const commit = this.commits.get(commitSha);
    const tree = commit && this.trees.get(commit.tree);
    if (!tree) throw new Error(`no tree for commit ${commitSha}`);
    return tree;
  }

  fileAt(ref: string, path: string): string | null {
    const sha = this.resolve(ref);
    const blob = sha ? this.treeOfCommit(sha).get(path) : undefined;
    return blob === undefined ? null : (this.blobs.get(blob) ?? null);
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const queue = [descendant];
    while (queue.length > 0) {
      const sha = queue.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  pullHeadSha(pull: Pull): string {
    return pull.closedHeadSha ?? this.refs.get(pull.head) ?? "";
  }

  createPull(head: string, base: string, title: string, body: string): Pull {
    const pull: Pull = {
      number: this.pulls.length + 1,
      title,
      body,
      head,
      base,
      state: "open",
      mergedAt: null,
      closedHeadSha: null,
      labels: [],
      createdAt: new Date().toISOString(),
    };
    this.pulls.push(pull);
    return pull;
  }

  /** Merges a pull request: the base branch gets a merge commit with the head's tree. */
  mergePull(number: number): void {
    const pull = this.pull(number);
    const headSha = this.pullHeadSha(pull);
    const baseSha = this.refs.get(pull.base)!;
    const merge = this.putCommit(this.commits.get(headSha)!.tree, [baseSha, headSha], `Merge #${number}`, {
      name: "Reviewer",
      email: "reviewer@example.com",
      date: new Date().toISOString(),
    });
    this.refs.set(pull.base, merge);
    Object.assign(pull, { state: "closed", mergedAt: new Date().toISOString(), closedHeadSha: headSha });
  }

  closePull(number: number): void {
    const pull = this.pull(number);
    Object.assign(pull, { state: "closed", closedHeadSha: this.pullHeadSha(pull) });
  }

  pull(number: number): Pull {
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no pull request #${number}`);
    return pull;
  }
}
