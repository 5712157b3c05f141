import { execFileSync } from "node:child_process";
import type { Db } from "@/server/db/client";

// Helpers for tests of scaffold runs on the local repository.

/** `git` against a bare repository, as a person inspecting it would. */
export function git(gitDir: string, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8" }).trim();
}

/** The branches of the bare repository. */
export const branches = (gitDir: string) =>
  git(gitDir, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean).sort();

/**
 * What a portal process's worker does, in the test's process: claim the next run and carry it out,
 * until none is left.
 */
export async function workRuns(db: Db, worker = "test-worker"): Promise<void> {
  const { claimNextRun } = await import("@/server/services/scaffold-runs/claim-run");
  const { executeRun } = await import("@/server/services/scaffold-runs/execute-run");
  for (let id = await claimNextRun(db, worker); id; id = await claimNextRun(db, worker))
    await executeRun(db, id, worker);
}
