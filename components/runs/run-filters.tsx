"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { runStatuses } from "@/lib/scaffold-runs";
import { runStatusLabels } from "./run-status-badge";
import { runsHref, type RunsParams } from "./runs-url";

/**
 * The runs list's filters. They live in the URL: a plain GET form without JavaScript, and with it
 * every change replaces the URL at once.
 */
export function RunFilters({
  params,
  me,
  templates,
}: {
  params: RunsParams;
  me: string;
  templates: { id: string; title: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (change: RunsParams) =>
    startTransition(() => router.replace(runsHref(params, change), { scroll: false }));
  const other = params.requestedBy && params.requestedBy !== "me" ? params.requestedBy : undefined;

  return (
    <form
      role="search"
      aria-label="Filter runs"
      action="/runs"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        go({});
      }}
    >
      <Select
        name="requestedBy"
        aria-label="Requested by"
        className="h-9 w-56!"
        value={params.requestedBy ?? ""}
        onChange={(e) => go({ requestedBy: e.target.value || undefined })}
      >
        <option value="">Requested by anyone</option>
        <option value="me" title={me}>
          Requested by me
        </option>
        {other ? <option value={other}>Requested by {other}</option> : null}
      </Select>
      <Select
        name="template"
        aria-label="Template"
        className="h-9 w-48!"
        value={params.template ?? ""}
        onChange={(e) => go({ template: e.target.value || undefined })}
      >
        <option value="">All templates</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </Select>
      <Select
        name="status"
        aria-label="Status"
        className="h-9 w-40!"
        value={params.status ?? ""}
        onChange={(e) => go({ status: e.target.value || undefined })}
      >
        <option value="">All statuses</option>
        {runStatuses.map((s) => (
          <option key={s} value={s}>
            {runStatusLabels[s]}
          </option>
        ))}
      </Select>
      <noscript>
        <button type="submit" className="h-9 rounded-md border border-border px-3 text-sm">
          Apply
        </button>
      </noscript>
      {pending ? <Spinner label="Updating results" /> : null}
    </form>
  );
}
