import "server-only";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

// A long-lived git process spoken to line by line (`update-ref --stdin`, `mktree --batch`,
// `hash-object --stdin-paths`): one request
// at a time, each answered by the output lines it waits for. Starting git from a large Node process
// costs ~15 ms here; a line on a pipe costs nothing. A process that fails is dropped and the next
// request starts a new one; its error (git's stderr) rejects the request in flight.

export class LineProcess {
  private child: ChildProcessWithoutNullStreams | null = null;
  private lines: string[] = [];
  private partial = "";
  private stderr = "";
  private waiter: {
    until: (line: string) => boolean;
    resolve(lines: string[]): void;
    reject(e: Error): void;
  } | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Writes `input` and resolves with the output lines up to and including the one `until` accepts. */
  request(input: string, until: (line: string) => boolean): Promise<string[]> {
    const next = this.chain.then(() => this.send(input, until));
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child?.stdin.end();
    this.child = null;
  }

  private send(input: string, until: (line: string) => boolean): Promise<string[]> {
    const child = this.process();
    this.lines = [];
    this.stderr = "";
    return new Promise<string[]>((resolve, reject) => {
      this.waiter = { until, resolve, reject };
      holdProcess(child, true);
      child.stdin.write(input);
    }).finally(() => {
      this.waiter = null;
      if (this.child) holdProcess(this.child, false);
    });
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn("git", this.args, { env: this.env });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const parts = (this.partial + chunk).split("\n");
      this.partial = parts.pop()!;
      for (const line of parts) {
        this.lines.push(line);
        if (this.waiter?.until(line)) this.waiter.resolve(this.lines.splice(0));
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (this.stderr += chunk));
    const fail = (error: Error) => {
      if (this.child === child) this.child = null;
      this.partial = "";
      this.waiter?.reject(error);
    };
    child.on("error", fail);
    child.on("exit", (code) =>
      fail(new Error(`git ${this.args.join(" ")} exited (${code}): ${this.stderr.trim()}`)),
    );
    child.stdin.on("error", () => undefined);
    this.child = child;
    holdProcess(child, false);
    return child;
  }
}

/** An idle helper process must not keep Node running (a script ends when its work does); a busy one must. */
export function holdProcess(child: ChildProcessWithoutNullStreams, busy: boolean): void {
  const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as {
    ref(): void;
    unref(): void;
  }[];
  for (const handle of handles)
    if (busy) handle.ref();
    else handle.unref();
}
