import { diffLines } from "diff";

export interface DiffRow {
  kind: "added" | "removed" | "same";
  /** Line number in the previous file, for removed and unchanged lines. */
  oldLine: number | null;
  /** Line number in the new file, for added and unchanged lines. */
  newLine: number | null;
  text: string;
}

const lines = (value: string) => (value.endsWith("\n") ? value.slice(0, -1) : value).split("\n");

/** The change from `previous` (null: the file is new, so every line is added) to `content`, line by line. */
export function diffRows(previous: string | null, content: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(previous ?? "", content)) {
    if (part.value === "") continue;
    for (const text of lines(part.value)) {
      if (part.added) rows.push({ kind: "added", oldLine: null, newLine: newLine++, text });
      else if (part.removed) rows.push({ kind: "removed", oldLine: oldLine++, newLine: null, text });
      else rows.push({ kind: "same", oldLine: oldLine++, newLine: newLine++, text });
    }
  }
  return rows;
}
