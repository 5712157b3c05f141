import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// gofmt from the machine's Go toolchain (Debian: golang-go), when there is one.

export type GofmtResult = { available: false } | { available: true; unformatted: string[]; errors: string };

let gofmtPath: Promise<string | null> | undefined;

function findGofmt(): Promise<string | null> {
  gofmtPath ??= new Promise((resolve) =>
    execFile("gofmt", ["-l", "/dev/null"], (error) =>
      resolve(error && "code" in error && error.code === "ENOENT" ? null : "gofmt"),
    ),
  );
  return gofmtPath;
}

/** Lists the files gofmt would change (`gofmt -l`) and its syntax errors, in one run over a scratch copy. */
export async function gofmtCheck(files: { path: string; content: string }[]): Promise<GofmtResult> {
  const gofmt = await findGofmt();
  if (!gofmt) return { available: false };
  const dir = await mkdtemp(path.join(tmpdir(), "meridian-gofmt-"));
  try {
    await Promise.all(
      files.map(async (file) => {
        const target = path.join(dir, file.path);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, file.content);
      }),
    );
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
    await rm(dir, { recursive: true, force: true });
  }
}
