import "server-only";
import { createHash } from "node:crypto";
import type { TemplateParams } from "@/lib/templates/types";
import type { RenderedFile } from "@/server/services/templates/render-template";

export const LOCK_FILE = "meridian.lock.json";

/**
 * `services/<name>/meridian.lock.json`: the template and version, the answers, and the SHA-256 of
 * every other generated file (paths relative to the service folder). A later template upgrade
 * re-renders with the same answers and compares hashes to tell the owner's edits from its own.
 */
export function lockFile(
  root: string,
  template: { id: string; version: string },
  params: TemplateParams,
  files: RenderedFile[],
): RenderedFile {
  const hashes = Object.fromEntries(
    files.map((f) => [
      f.path.slice(root.length),
      `sha256:${createHash("sha256").update(f.content).digest("hex")}`,
    ]),
  );
  const lock = { template: { id: template.id, version: template.version }, answers: params, files: hashes };
  return { path: `${root}${LOCK_FILE}`, content: `${JSON.stringify(lock, null, 2)}\n`, language: "json" };
}
