"use client";

import { useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { diffRows } from "@/lib/scaffold/diff-rows";
import { highlight } from "@/lib/scaffold/highlight";
import type { ViewedFile } from "@/lib/scaffold/viewed-file";
import type { PreviewFile } from "@/lib/templates/types";
import { codeTheme } from "./code-theme";
import { StatusBadge } from "./status-badge";

const languageNames: Record<PreviewFile["language"], string> = {
  hcl: "Terraform",
  go: "Go",
  json: "JSON",
  markdown: "Markdown",
  gomod: "go.mod",
  text: "Text",
};

const splitLines = (text: string) => (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");

/** What the code view shows: the new content, or for a deleted file what it held. */
const shownText = (file: ViewedFile) => (file.status === "deleted" ? (file.previous ?? "") : file.content);

function Code({ html, text }: { html: string | null; text: string }) {
  return html === null ? <code>{text}</code> : <code dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The file with line numbers and syntax highlighting. */
function CodeView({ file }: { file: ViewedFile }) {
  const text = shownText(file);
  const html = useMemo(() => highlight(text, file.language), [text, file.language]);
  const count = splitLines(text).length;
  return (
    <div className="flex min-w-max font-mono text-xs leading-5">
      <pre
        aria-hidden
        className="sticky left-0 border-r border-border bg-surface-muted px-3 py-3 text-right text-muted select-none"
      >
        {Array.from({ length: count }, (_, i) => i + 1).join("\n")}
      </pre>
      <pre className={cn("px-4 py-3", codeTheme)}>
        <Code html={html} text={text} />
      </pre>
    </div>
  );
}

const rowTone = {
  added: "bg-ok/10",
  removed: "bg-danger/10",
  same: "",
} as const;

/** The change against what the repository holds (all additions for a new file). */
function DiffView({ file, against }: { file: ViewedFile; against: string }) {
  const rows = useMemo(() => diffRows(file.previous, file.content), [file]);
  const added = rows.filter((r) => r.kind === "added").length;
  const removed = rows.filter((r) => r.kind === "removed").length;
  return (
    <div className="min-w-max font-mono text-xs leading-5">
      <p className="sticky left-0 px-4 py-2 font-sans text-xs text-muted">
        <span className="font-medium text-ok">+{added}</span>{" "}
        <span className="font-medium text-danger">−{removed}</span>{" "}
        {file.previous === null
          ? "· a new file: every line is an addition"
          : file.status === "deleted"
            ? "· a deleted file: every line is a removal"
            : `· against ${against}`}
      </p>
      <table className={cn("w-full border-collapse", codeTheme)}>
        <caption className="sr-only">Changes to {file.path}</caption>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className={rowTone[row.kind]} data-diff={row.kind}>
              <td className="w-10 border-r border-border px-2 text-right text-muted select-none">
                {row.oldLine}
              </td>
              <td className="w-10 border-r border-border px-2 text-right text-muted select-none">
                {row.newLine}
              </td>
              <td
                className={cn(
                  "w-5 px-1 text-center select-none",
                  row.kind === "added" && "text-ok",
                  row.kind === "removed" && "text-danger",
                )}
              >
                {row.kind === "added" ? "+" : row.kind === "removed" ? "−" : " "}
              </td>
              <td className="pr-4 whitespace-pre">
                <Code html={highlight(row.text, file.language)} text={row.text} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One file of a preview or a pull request: its path and status, then the code or the diff.
 * `against` names what the diff compares with ("the repository's copy", "main").
 */
export function FileViewer({
  file,
  root,
  initialMode = "code",
  against = "the repository's copy",
}: {
  file: ViewedFile;
  root: string;
  initialMode?: "code" | "diff";
  against?: string;
}) {
  const [mode, setMode] = useState<"code" | "diff">(initialMode);
  const lines = splitLines(shownText(file)).length;
  return (
    <section aria-label={`File ${file.path}`} className="min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2">
        <div className="flex min-w-0 items-center gap-2">
          <h3 className="truncate font-mono text-xs text-foreground" title={file.path}>
            <span className="text-muted">{file.path.startsWith(root) ? root : ""}</span>
            {file.path.startsWith(root) ? file.path.slice(root.length) : file.path}
          </h3>
          <StatusBadge status={file.status} />
          <span className="text-xs whitespace-nowrap text-muted">
            {languageNames[file.language]} · {lines} {lines === 1 ? "line" : "lines"}
          </span>
        </div>
        <div role="group" aria-label="View" className="flex rounded-md border border-border p-0.5">
          {(["code", "diff"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={cn(
                "h-6 rounded px-2.5 text-xs font-medium transition-colors",
                mode === m
                  ? "bg-surface-muted text-foreground shadow-xs"
                  : "text-muted hover:text-foreground",
              )}
            >
              {m === "code" ? "Code" : "Diff"}
            </button>
          ))}
        </div>
      </div>
      <div
        role="region"
        className="max-h-[38rem] overflow-auto"
        tabIndex={0}
        aria-label={`${file.path}, ${mode === "code" ? "code" : "diff"}`}
      >
        {mode === "code" ? <CodeView file={file} /> : <DiffView file={file} against={against} />}
      </div>
    </section>
  );
}
