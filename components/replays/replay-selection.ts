import type { ReplaySelection } from "@/lib/replays";

// The replay form's answers and how they become the API's selection.

export interface ReplayForm {
  type: string;
  /** datetime-local values, read as UTC. */
  from: string;
  to: string;
  subjectPrefix: string;
  source: string;
  /** name=value */
  extension: string;
  /** $.path=value */
  dataField: string;
}

const toIso = (local: string) => (local ? new Date(`${local}:00Z`).toISOString() : "");
const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as a datetime-local value in UTC (minutes). */
export function toLocalUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

export function lastHours(hours: number): { from: string; to: string } {
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
  return { from: toLocalUtc(new Date(to.getTime() - hours * 3_600_000)), to: toLocalUtc(to) };
}

const pair = (text: string) => {
  const at = text.indexOf("=");
  return at > 0 ? { name: text.slice(0, at).trim(), value: text.slice(at + 1) } : null;
};

export function selectionOf(form: ReplayForm): ReplaySelection {
  const extension = form.extension.trim() ? pair(form.extension) : null;
  const data = form.dataField.trim() ? pair(form.dataField) : null;
  return {
    types: form.type ? [form.type] : [],
    from: toIso(form.from),
    to: toIso(form.to),
    ...(form.subjectPrefix ? { subject: { op: "prefix" as const, value: form.subjectPrefix } } : {}),
    ...(form.source ? { source: { op: "equals" as const, value: form.source } } : {}),
    ...(form.extension.trim()
      ? {
          extensions: [
            {
              name: extension?.name ?? form.extension.trim(),
              op: "equals" as const,
              value: extension?.value ?? "",
            },
          ],
        }
      : {}),
    ...(form.dataField.trim()
      ? {
          data: [
            { path: data?.name ?? form.dataField.trim(), op: "equals" as const, value: data?.value ?? "" },
          ],
        }
      : {}),
  };
}
