import "server-only";
import { mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/server/db/client";
import { blobSha, GitCli } from "./git-cli";
import type { CommitAuthor, FileChange, GitProvider, OpenPullRequest, PullRequestInfo } from "./git-provider";

// The embedded default: a bare repository on the portal's disk, written with git's plumbing (no work
// tree), and pull requests as rows of PullRequest (provider "local") whose branch lives in the
// repository. Merging writes a real merge commit onto the base branch. Reads and writes go through
// long-running git plumbing processes (cat-file.ts, object-writer.ts).

const PROVIDER = "local";
const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const SAFE_BRANCH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

const PORTAL_IDENTITY: CommitAuthor = { name: "Meridian", email: "meridian@localhost" };

/** Names and emails go into commit headers: no angle brackets or line breaks. */
const clean = (text: string) => text.replace(/[<>\n\r]/g, "").trim() || "unknown";
const signature = (who: CommitAuthor, seconds: number) =>
  `${clean(who.name)} <${clean(who.email)}> ${seconds} +0000`;

function assertPath(p: string): void {
  if (!SAFE_PATH.test(p) || p.split("/").includes(".."))
    throw new Error(`Unsafe repository path ${JSON.stringify(p)}`);
}

function assertBranch(b: string): void {
  if (!SAFE_BRANCH.test(b) || b.includes("..")) throw new Error(`Unsafe branch name ${JSON.stringify(b)}`);
}

/** A branch name as a full ref; shas and `refs/…` pass through. */
const qualify = (ref: string) =>
  /^[0-9a-f]{40}$/.test(ref) || ref.startsWith("refs/") ? ref : `refs/heads/${ref}`;

type PullRequestRow = Awaited<ReturnType<Db["pullRequest"]["findFirst"]>> & object;

export interface LocalChangedFile {
  path: string;
  status: "added" | "modified" | "deleted";
  before: string | null;
  after: string | null;
}

export class LocalGitProvider implements GitProvider {
  readonly kind = "local" as const;
  readonly git: GitCli;

  constructor(
    readonly repository: string,
    readonly baseBranch: string,
    private readonly db: Db,
    private readonly portalUrl: string,
  ) {
    this.git = new GitCli(repository);
  }

  /** Creates the bare repository with `files` as its first commit on the base branch, once. */
  async initialize(files: FileChange[]): Promise<void> {
    if (!existsSync(path.join(this.repository, "HEAD"))) {
      mkdirSync(this.repository, { recursive: true });
      await this.git.run(["init", "--bare", "--quiet", `--initial-branch=${this.baseBranch}`]);
    }
    if (await this.git.resolve(`refs/heads/${this.baseBranch}`)) return;
    const first = await this.writeCommit(
      null,
      files,
      "Platform skeleton: networking, broker, alerting",
      PORTAL_IDENTITY,
    );
    // Another process may have initialised it at the same moment: then its commit stays.
    await this.git.writer.updateRef(`refs/heads/${this.baseBranch}`, first, null);
  }

  async readFile(filePath: string, ref = this.baseBranch): Promise<string | null> {
    assertPath(filePath);
    const blob = await this.git.cat.contents(`${qualify(ref)}:${filePath}`);
    return blob?.info.type === "blob" ? blob.content.toString("utf8") : null;
  }

  async pathExists(filePath: string): Promise<boolean> {
    const trimmed = filePath.replace(/\/$/, "");
    assertPath(trimmed);
    return (await this.git.cat.info(`refs/heads/${this.baseBranch}:${trimmed}`)) !== null;
  }

  async ensureBranch(branch: string): Promise<{ sha: string; created: boolean }> {
    assertBranch(branch);
    const existing = await this.git.resolve(`refs/heads/${branch}`);
    if (existing) return { sha: existing, created: false };
    const base = (await this.git.resolve(`refs/heads/${this.baseBranch}`))!;
    // Create-only: a concurrent creator wins and we read its branch.
    if (await this.git.writer.updateRef(`refs/heads/${branch}`, base, null))
      return { sha: base, created: true };
    return { sha: (await this.git.resolve(`refs/heads/${branch}`))!, created: false };
  }

  async commitFiles(
    branch: string,
    files: FileChange[],
    message: string,
    author: CommitAuthor,
  ): Promise<{ sha: string; created: boolean }> {
    assertBranch(branch);
    files.forEach((f) => assertPath(f.path));
    const head = await this.git.resolve(`refs/heads/${branch}`);
    if (!head) throw new Error(`Branch ${branch} does not exist`);
    const present = await Promise.all(files.map((f) => this.git.cat.info(`${head}:${f.path}`)));
    if (files.every((f, i) => present[i]?.sha === blobSha(f.content))) return { sha: head, created: false };
    const sha = await this.writeCommit(head, files, message, author);
    if (!(await this.git.writer.updateRef(`refs/heads/${branch}`, sha, head)))
      throw new Error(`Branch ${branch} moved while committing to it`);
    return { sha, created: true };
  }

  private writeCommit(
    parent: string | null,
    files: FileChange[],
    message: string,
    author: CommitAuthor,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.git.writer.commit(parent, files, {
      author: signature(author, now),
      committer: signature(PORTAL_IDENTITY, now),
      message,
    });
  }

  private async toInfo(row: PullRequestRow): Promise<PullRequestInfo> {
    return {
      number: row.number,
      url: row.url,
      title: row.title,
      body: row.body,
      branch: row.branch,
      base: row.base,
      state: row.state as PullRequestInfo["state"],
      headSha: (await this.git.resolve(`refs/heads/${row.branch}`)) ?? row.headSha,
      labels: row.labels,
      mergedAt: row.mergedAt?.toISOString() ?? null,
    };
  }

  async findPullRequest(branch: string): Promise<PullRequestInfo | null> {
    const row = await this.db.pullRequest.findFirst({
      where: { provider: PROVIDER, branch, state: { in: ["open", "merged"] } },
      orderBy: { number: "desc" },
    });
    return row ? this.toInfo(row) : null;
  }

  async openPullRequest(request: OpenPullRequest): Promise<PullRequestInfo> {
    const existing = await this.findPullRequest(request.branch);
    if (existing) return existing;
    const headSha = await this.git.resolve(`refs/heads/${request.branch}`);
    if (!headSha) throw new Error(`Branch ${request.branch} does not exist`);
    for (let attempt = 0; ; attempt++) {
      const last = await this.db.pullRequest.findFirst({
        where: { provider: PROVIDER },
        orderBy: { number: "desc" },
        select: { number: true },
      });
      const number = (last?.number ?? 0) + 1;
      try {
        const row = await this.db.pullRequest.create({
          data: {
            provider: PROVIDER,
            number,
            url: `${this.portalUrl}/pulls/${number}`,
            title: request.title,
            body: request.body,
            branch: request.branch,
            base: this.baseBranch,
            headSha,
            labels: request.labels,
            createdBy: "meridian",
          },
        });
        return this.toInfo(row);
      } catch (error) {
        // Another process took this number at the same moment: take the next one.
        if (attempt < 5 && (error as { code?: string }).code === "P2002") continue;
        throw error;
      }
    }
  }

  async getPullRequest(number: number): Promise<PullRequestInfo | null> {
    const row = await this.db.pullRequest.findUnique({
      where: { provider_number: { provider: PROVIDER, number } },
    });
    return row ? this.toInfo(row) : null;
  }

  /** The files a pull request changes: merge base → branch head (or the merge's parents once merged). */
  async changedFiles(number: number): Promise<LocalChangedFile[]> {
    const row = await this.db.pullRequest.findUnique({
      where: { provider_number: { provider: PROVIDER, number } },
    });
    if (!row) return [];
    const head = (await this.git.resolve(`refs/heads/${row.branch}`)) ?? row.headSha;
    const from = row.mergeSha
      ? await this.git.output(["rev-parse", `${row.mergeSha}^1`])
      : await this.git.output(["merge-base", `refs/heads/${row.base}`, head]);
    const names = await this.git.output(["diff", "--name-status", "--no-renames", "-z", from, head]);
    const parts = names.split("\0").filter(Boolean);
    const out: LocalChangedFile[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const [code, file] = [parts[i]!, parts[i + 1]!];
      const status = code === "A" ? "added" : code === "D" ? "deleted" : "modified";
      out.push({
        path: file,
        status,
        before: status === "added" ? null : await this.readFile(file, from),
        after: status === "deleted" ? null : await this.readFile(file, head),
      });
    }
    return out;
  }

  /**
   * Merges the pull request's branch into the base with a real merge commit (`git merge-tree`, then
   * `commit-tree` with both parents), moving the base only if nobody moved it meanwhile. Returns the
   * merge commit; when the branch is already merged (a repeat after a crash), the base's head. The
   * record's state is the caller's to change.
   */
  async merge(number: number, by: CommitAuthor): Promise<{ mergeSha: string }> {
    const row = await this.db.pullRequest.findUnique({
      where: { provider_number: { provider: PROVIDER, number } },
    });
    if (!row) throw new Error(`Pull request #${number} does not exist`);
    const base = await this.git.output(["rev-parse", `refs/heads/${row.base}`]);
    const head = await this.git.output(["rev-parse", `refs/heads/${row.branch}`]);
    const ancestor = await this.git.run(["merge-base", "--is-ancestor", head, base], { okCodes: [1] });
    if (ancestor.code === 0) return { mergeSha: base };
    const merged = await this.git.run(["merge-tree", "--write-tree", base, head], { okCodes: [1] });
    if (merged.code === 1)
      throw new MergeConflictError(number, merged.stdout.split("\n").slice(1).join("\n").trim());
    const tree = merged.stdout.split("\n")[0]!.trim();
    const now = `${Math.floor(Date.now() / 1000)} +0000`;
    const commit = await this.git.output(
      [
        "commit-tree",
        tree,
        "-p",
        base,
        "-p",
        head,
        "-m",
        `Merge pull request #${number} from ${row.branch}\n\n${row.title}`,
      ],
      {
        env: {
          GIT_AUTHOR_NAME: clean(by.name),
          GIT_AUTHOR_EMAIL: clean(by.email),
          GIT_AUTHOR_DATE: now,
          GIT_COMMITTER_NAME: PORTAL_IDENTITY.name,
          GIT_COMMITTER_EMAIL: PORTAL_IDENTITY.email,
          GIT_COMMITTER_DATE: now,
        },
      },
    );
    await this.git.run(["update-ref", `refs/heads/${row.base}`, commit, base]);
    return { mergeSha: commit };
  }
}

export class MergeConflictError extends Error {
  constructor(
    readonly number: number,
    readonly detail: string,
  ) {
    super(`Pull request #${number} conflicts with the base branch: ${detail}`);
    this.name = "MergeConflictError";
  }
}
