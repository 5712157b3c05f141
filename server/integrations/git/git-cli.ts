import "server-only";
import { execFile, type ExecFileException } from "node:child_process";
import { createHash } from "node:crypto";
import { CatFile } from "./cat-file";
import { ObjectWriter } from "./object-writer";

// The git CLI over one bare repository. Every call names the repository explicitly (--git-dir) and
// runs with a fixed identity and no user or system configuration, so results do not depend on the
// machine's git settings.

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed (${code}): ${stderr.trim()}`);
    this.name = "GitCommandError";
  }
}

export interface GitRunOptions {
  input?: string;
  /** Extra environment, e.g. GIT_AUTHOR_NAME for commit-tree. */
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (e.g. 1 from `merge-tree` on a conflict). */
  okCodes?: number[];
}

export class GitCli {
  private readonly env: NodeJS.ProcessEnv;
  /** Reads without starting git each time. */
  readonly cat: CatFile;
  /** Writes objects and refs without starting git each time. */
  readonly writer: ObjectWriter;

  constructor(readonly gitDir: string) {
    this.env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: gitDir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_TERMINAL_PROMPT: "0",
      LANG: "C",
    } as unknown as NodeJS.ProcessEnv;
    this.cat = new CatFile(gitDir, this.env);
    this.writer = new ObjectWriter(gitDir, this.env, this.cat);
  }

  run(args: string[], options: GitRunOptions = {}): Promise<{ stdout: string; code: number }> {
    const full = ["--git-dir", this.gitDir, ...args];
    return new Promise((resolve, reject) => {
      const child = execFile(
        "git",
        full,
        { encoding: "utf8", maxBuffer: 64 << 20, env: { ...this.env, ...options.env } },
        (error: ExecFileException | null, stdout: string, stderr: string) => {
          const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
          if (code === 0 || (code !== null && options.okCodes?.includes(code))) resolve({ stdout, code });
          else reject(new GitCommandError(args, code, stderr || String(error?.message ?? "")));
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  async output(args: string[], options?: GitRunOptions): Promise<string> {
    return (await this.run(args, options)).stdout.trim();
  }

  /** The commit a ref points to, or null when it does not exist. */
  async resolve(ref: string): Promise<string | null> {
    const info = await this.cat.info(`${ref}^{commit}`);
    return info?.type === "commit" ? info.sha : null;
  }
}

/** The object id git gives a file's content (`git hash-object`), computed without running git. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
