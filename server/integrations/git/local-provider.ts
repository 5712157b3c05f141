import "server-only";
import { mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/server/db/client";
import { blobSha, GitCli } from "./git-cli";
import type { CommitAuthor, FileChange, GitProvider, OpenPullRequest, PullRequestInfo } from "./git-provider";

// The embedded default: a bare repository on the portal's disk, written with git's plumbing (no work
// tree), and pull requests as rows of PullRequest (provider "local") whose branch lives in the
// repository. Merging writes a real merge commit onto the base branch.

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
    await this.fastImport(
      this.baseBranch,
      null,
      files,
      "Platform skeleton: networking, broker, alerting",
      PORTAL_IDENTITY,
    );
  }

  async readFile(filePath: string, ref = this.baseBranch): Promise<string | null> {
    assertPath(filePath);
    const { stdout, code } = await this.git.run(["cat-file", "blob", `${ref}:${filePath}`], {
      okCodes: [128],
    });
    return code === 0 ? stdout : null;
  }

  async pathExists(filePath: string): Promise<boolean> {
    assertPath(filePath.replace(/\/$/, ""));
    const out = await this.git.output([
      "ls-tree",
      "--name-only",
      this.baseBranch,
      "--",
      filePath.replace(/\/$/, ""),
    ]);
    return out !== "";
  }

  async ensureBranch(branch: string): Promise<{ sha: string; created: boolean }> {
    assertBranch(branch);
    const existing = await this.git.resolve(`refs/heads/${branch}`);
    if (existing) return { sha: existing, created: false };
    const base = await this.git.output(["rev-parse", `refs/heads/${this.baseBranch}`]);
    // The empty old value makes this create-only: a concurrent creator wins and we read its branch.
    const { code } = await this.git.run(["update-ref", `refs/heads/${branch}`, base, ""], { okCodes: [128] });
    if (code !== 0) return { sha: (await this.git.resolve(`refs/heads/${branch}`))!, created: false };
    return { sha: base, created: true };
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
    const listing = await this.git.output(["ls-tree", "-r", head, "--", ...files.map((f) => f.path)]);
    const present = new Map(
      listing
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [meta, p] = line.split("\t");
          return [p!, meta!.split(" ")[2]!];
        }),
    );
    if (files.every((f) => present.get(f.path) === blobSha(f.content))) return { sha: head, created: false };
    return { sha: await this.fastImport(branch, head, files, message, author), created: true };
  }

  /** One `git fast-import` writes the blobs, the tree and the commit, and moves the branch (fast-forward only). */
  private async fastImport(
    branch: string,
    parent: string | null,
    files: FileChange[],
    message: string,
    author: CommitAuthor,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    // fast-import's `data <bytes>` counts bytes exactly; the newline after the data is optional.
    const data = (text: string) => `data ${Buffer.byteLength(text, "utf8")}\n${text}\n`;
    const stream =
      `commit refs/heads/${branch}\n` +
      `author ${signature(author, now)}\n` +
      `committer ${signature(PORTAL_IDENTITY, now)}\n` +
      data(message) +
      (parent ? `from ${parent}\n` : "") +
      files.map((f) => `M 100644 inline ${f.path}\n${data(f.content)}`).join("") +
      "\n";
    await this.git.run(["fast-import", "--quiet", "--date-format=raw"], { input: stream });
    return this.git.output(["rev-parse", `refs/heads/${branch}`]);
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
