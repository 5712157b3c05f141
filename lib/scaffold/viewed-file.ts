import type { PullRequestFile } from "@/lib/pull-requests";
import type { FileStatus, PreviewFile } from "@/lib/templates/types";

/** A file the file tree and viewer show: a preview's file, or a pull request's (which may delete). */
export type ViewedFile = Omit<PreviewFile, "status"> & { status: FileStatus | "deleted" };

/** The viewer's language for a path (the same rule the template loader applies on the server). */
export function languageOf(path: string): PreviewFile["language"] {
  if (path.endsWith(".tf")) return "hcl";
  if (path.endsWith(".go")) return "go";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  if (path.endsWith("go.mod")) return "gomod";
  return "text";
}

/** A pull request's changed file as the viewer shows it: `content` is the new side, `previous` the old. */
export function toViewedFile(file: PullRequestFile): ViewedFile {
  return {
    path: file.path,
    content: file.after ?? "",
    previous: file.before,
    status: file.status,
    language: languageOf(file.path),
  };
}

/** The folder every path shares (`services/<name>/`), or "" when they share none. */
export function commonRoot(paths: string[]): string {
  if (paths.length === 0) return "";
  const folders = paths.map((p) => p.split("/").slice(0, -1));
  const first = folders[0]!;
  let length = 0;
  while (length < first.length && folders.every((f) => f[length] === first[length])) length++;
  return length === 0 ? "" : `${first.slice(0, length).join("/")}/`;
}
