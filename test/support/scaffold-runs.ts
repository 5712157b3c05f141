import { execFileSync } from "node:child_process";

// Helpers for tests of scaffold runs on the local repository.

/** `git` against a bare repository, as a person inspecting it would. */
export function git(gitDir: string, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8" }).trim();
}

/** The branches of the bare repository. */
export const branches = (gitDir: string) =>
  git(gitDir, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean).sort();
