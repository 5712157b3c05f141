import "server-only";
import { createHash } from "node:crypto";
import type { TemplateField, TemplateParams } from "@/lib/templates/types";
import type { RenderedFile } from "@/server/services/templates/render-template";

export const LOCK_FILE = "meridian.lock.json";

/**
 * `services/<name>/meridian.lock.json`: the template and version, the answers, and the SHA-256 of
 * every other generated file (paths relative to the service folder). A later template upgrade
 * re-renders with the same answers and compares hashes to tell the owner's edits from its own.
 */
/** The answers in the form's field order (list items too), whatever order they were stored in. */
function orderedAnswers(fields: TemplateField[], params: TemplateParams): TemplateParams {
  const out: TemplateParams = {};
  for (const field of fields) {
    const value = params[field.name];
    if (value === undefined) continue;
    out[field.name] =
      field.type === "list"
        ? (value as Record<string, string | boolean>[]).map((item) =>
            Object.fromEntries(field.item.filter((f) => f.name in item).map((f) => [f.name, item[f.name]!])),
          )
        : value;
  }
  return out;
}

export function lockFile(
  root: string,
  template: { id: string; version: string; fields: TemplateField[] },
  params: TemplateParams,
  files: RenderedFile[],
): RenderedFile {
  const hashes = Object.fromEntries(
    [...files]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((f) => [
        f.path.slice(root.length),
        `sha256:${createHash("sha256").update(f.content).digest("hex")}`,
      ]),
  );
  const lock = {
    template: { id: template.id, version: template.version },
    answers: orderedAnswers(template.fields, params),
    files: hashes,
  };
  return { path: `${root}${LOCK_FILE}`, content: `${JSON.stringify(lock, null, 2)}\n`, language: "json" };
}
