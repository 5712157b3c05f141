import "server-only";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// gofmt from the machine's Go toolchain (Debian: golang-go), when there is one.

export type GofmtResult = { available: false } | { available: true; unformatted: string[]; errors: string };

let gofmtPath: string | null | undefined;

/** gofmt on PATH, looked up once. */
function findGofmt(): string | null {
  gofmtPath ??=
    (process.env.PATH ?? "")
      .split(path.delimiter)
      .map((dir) => path.join(dir, "gofmt"))
      .find((candidate) => existsSync(candidate)) ?? null;
  return gofmtPath;
}

/** Results by the files' content: gofmt is a pure function of it, and starting it costs ~10 ms. */
const cache = new Map<string, Promise<GofmtResult>>();
const CACHE_SIZE = 200;

/**
 * Lists the files gofmt would change (`gofmt -l`) and its syntax errors, in one run over a scratch
 * copy. The copy is written and the process started synchronously, so gofmt runs on another core
 * while the caller goes on (e.g. into the HCL parser, which holds this thread). Identical files
 * (the Go skeleton changes only with the service name and event types) reuse the earlier result.
 */
export function gofmtCheck(files: { path: string; content: string }[]): Promise<GofmtResult> {
  const gofmt = findGofmt();
  if (!gofmt) return Promise.resolve({ available: false });
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file.path}\0${file.content}\0`);
  const key = hash.digest("hex");
  let result = cache.get(key);
  if (!result) {
    result = runGofmt(gofmt, files);
    cache.set(key, result);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return result;
}

async function runGofmt(gofmt: string, files: { path: string; content: string }[]): Promise<GofmtResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "meridian-gofmt-"));
  try {
    for (const file of files) {
      const target = path.join(dir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
      execFile(gofmt, ["-l", "-e", dir], { maxBuffer: 1 << 20 }, (_error, stdout, stderr) =>
        resolve({ stdout, stderr }),
      ),
    );
    const relative = (line: string) => path.relative(dir, line);
    return {
      available: true,
      unformatted: stdout.split("\n").filter(Boolean).map(relative),
      errors: stderr.replaceAll(`${dir}/`, ""),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
