import "server-only";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CatFile } from "./cat-file";
import { LineProcess } from "./line-process";

// Writes a commit with git's own plumbing kept running: `hash-object -w --stdin-paths` for blobs and
// for the commit object, `mktree --batch` for trees, and `update-ref --stdin` to move or create a
// ref with compare-and-swap. The same objects and refs `git commit` would write, without starting
// git for each.

interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

const typeOfMode = (mode: string): TreeEntry["type"] =>
  mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";

/** A binary tree object: `<mode> <name>\0<20-byte sha>` repeated. */
function parseTree(content: Buffer): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0x00, space);
    const mode = content.subarray(at, space).toString("latin1");
    const name = content.subarray(space + 1, nul).toString("utf8");
    entries.set(name, {
      mode,
      type: typeOfMode(mode),
      sha: content.subarray(nul + 1, nul + 21).toString("hex"),
    });
    at = nul + 21;
  }
  return entries;
}

export class ObjectWriter {
  private readonly blobs: LineProcess;
  private readonly commits: LineProcess;
  private readonly trees: LineProcess;
  private readonly refs: LineProcess;
  private scratch: string | null = null;
  private counter = 0;

  constructor(
    gitDir: string,
    env: NodeJS.ProcessEnv,
    private readonly cat: CatFile,
  ) {
    const git = (...args: string[]) => new LineProcess(["--git-dir", gitDir, ...args], env);
    this.blobs = git("hash-object", "-w", "--no-filters", "--stdin-paths");
    this.commits = git("hash-object", "-w", "-t", "commit", "--stdin-paths");
    this.trees = git("mktree", "--batch");
    this.refs = git("update-ref", "--stdin");
  }

  private file(content: string): string {
    this.scratch ??= mkdtempSync(path.join(tmpdir(), "meridian-git-"));
    // (a scratch file at run time: the build must not trace every project file matching `*-*`)
    const target = path.join(/*turbopackIgnore: true*/ this.scratch, `${process.pid}-${this.counter++}`);
    writeFileSync(target, content);
    return target;
  }

  /** One object per content, written through the given `hash-object --stdin-paths` process. */
  private async hashFiles(process: LineProcess, contents: string[]): Promise<string[]> {
    const paths = contents.map((c) => this.file(c));
    try {
      let answered = 0;
      const lines = await process.request(
        paths.map((p) => `${p}\n`).join(""),
        () => ++answered === paths.length,
      );
      return lines.map((line) => line.trim());
    } finally {
      for (const p of paths) rmSync(p, { force: true });
    }
  }

  /** A tree like `base` (a tree sha, or none) with `files` (paths relative to it) written in. */
  private async writeTree(base: string | null, files: Map<string, string>): Promise<string> {
    const entries = base ? parseTree((await this.cat.contents(base))!.content) : new Map<string, TreeEntry>();
    const direct = [...files].filter(([p]) => !p.includes("/"));
    const blobShas = direct.length
      ? await this.hashFiles(
          this.blobs,
          direct.map(([, content]) => content),
        )
      : [];
    direct.forEach(([name], i) => entries.set(name, { mode: "100644", type: "blob", sha: blobShas[i]! }));
    const folders = new Map<string, Map<string, string>>();
    for (const [p, content] of files) {
      const slash = p.indexOf("/");
      if (slash < 0) continue;
      const folder = p.slice(0, slash);
      if (!folders.has(folder)) folders.set(folder, new Map());
      folders.get(folder)!.set(p.slice(slash + 1), content);
    }
    for (const [folder, inner] of folders) {
      const existing = entries.get(folder);
      const sha = await this.writeTree(existing?.type === "tree" ? existing.sha : null, inner);
      entries.set(folder, { mode: "040000", type: "tree", sha });
    }
    const listing = [...entries]
      .map(([name, e]) => `${e.mode.padStart(6, "0")} ${e.type} ${e.sha}\t${name}\n`)
      .join("");
    const [sha] = await this.trees.request(`${listing}\n`, () => true);
    return sha!.trim();
  }

  /** Writes the blobs, trees and commit of `files` on top of `parent` and returns the commit's sha. */
  async commit(
    parent: string | null,
    files: { path: string; content: string }[],
    header: { author: string; committer: string; message: string },
  ): Promise<string> {
    const baseTree = parent ? (await this.cat.info(`${parent}^{tree}`))!.sha : null;
    const tree = await this.writeTree(baseTree, new Map(files.map((f) => [f.path, f.content])));
    const body =
      `tree ${tree}\n` +
      (parent ? `parent ${parent}\n` : "") +
      `author ${header.author}\ncommitter ${header.committer}\n\n${header.message.endsWith("\n") ? header.message : `${header.message}\n`}`;
    const [sha] = await this.hashFiles(this.commits, [body]);
    return sha!.trim();
  }

  /** Moves `ref` from `expected` (null: must not exist) to `sha` atomically; false when someone else moved it. */
  async updateRef(ref: string, sha: string, expected: string | null): Promise<boolean> {
    const old = expected ?? "0".repeat(40);
    try {
      await this.refs.request(
        `start\nupdate ${ref} ${sha} ${old}\nprepare\ncommit\n`,
        (line) => line === "commit: ok",
      );
      return true;
    } catch {
      return false;
    }
  }
}
