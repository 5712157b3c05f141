import "server-only";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { holdProcess } from "./line-process";

// One long-lived `git cat-file --batch-command` per repository: reads (resolving a ref, a file on a
// branch, whether a path exists) cost a line on a pipe instead of starting git, which costs ~10 ms
// here. git resolves refs afresh for every command and finds packs written since it started, so
// the answers follow writes made by other git processes.

export interface ObjectInfo {
  sha: string;
  type: "blob" | "tree" | "commit" | "tag";
  size: number;
}

interface Pending {
  withContent: boolean;
  resolve(value: { info: ObjectInfo; content: Buffer | null } | null): void;
  reject(error: Error): void;
}

export class CatFile {
  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];

  constructor(
    private readonly gitDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The object `rev` names (`refs/heads/main`, `<sha>:path/to/file`, `main^{commit}`), or null. */
  async info(rev: string): Promise<ObjectInfo | null> {
    return (await this.request(`info ${rev}`, false))?.info ?? null;
  }

  /** The object's content, or null when `rev` names nothing. */
  async contents(rev: string): Promise<{ info: ObjectInfo; content: Buffer } | null> {
    const answer = await this.request(`contents ${rev}`, true);
    return answer && answer.content ? { info: answer.info, content: answer.content } : null;
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }

  private request(command: string, withContent: boolean) {
    if (/[\n\r]/.test(command))
      return Promise.reject(new Error("A git revision cannot contain a line break"));
    return new Promise<{ info: ObjectInfo; content: Buffer | null } | null>((resolve, reject) => {
      const child = this.process();
      this.queue.push({ withContent, resolve, reject });
      holdProcess(child, true);
      child.stdin.write(`${command}\n`);
    });
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn("git", ["--git-dir", this.gitDir, "cat-file", "--batch-command"], { env: this.env });
    child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (error: Error) => {
      if (this.child === child) this.child = null;
      this.buffer = Buffer.alloc(0);
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`git cat-file exited (${code})`)));
    child.stdin.on("error", () => undefined);
    this.child = child;
    holdProcess(child, false);
    return child;
  }

  /** Answers complete responses in order: `<sha> <type> <size>\n[<content>\n]` or `<rev> missing\n`. */
  private drain(): void {
    for (;;) {
      const pending = this.queue[0];
      if (!pending) {
        if (this.child) holdProcess(this.child, false);
        return;
      }
      const eol = this.buffer.indexOf(0x0a);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString("utf8");
      const [sha, type, size] = header.split(" ");
      if (!size || type === "missing" || header.endsWith(" missing") || header.endsWith(" ambiguous")) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.queue.shift();
        pending.resolve(null);
        continue;
      }
      const info = { sha: sha!, type: type as ObjectInfo["type"], size: Number(size) };
      if (!pending.withContent) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.queue.shift();
        pending.resolve({ info, content: null });
        continue;
      }
      const end = eol + 1 + info.size + 1;
      if (this.buffer.length < end) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + info.size));
      this.buffer = this.buffer.subarray(end);
      this.queue.shift();
      pending.resolve({ info, content });
    }
  }
}
