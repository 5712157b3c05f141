import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { RunFilters } from "@/components/runs/run-filters";
import { RunsTable } from "@/components/runs/runs-table";
import { runsHref, type RunsParams } from "@/components/runs/runs-url";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { runListQuery } from "@/lib/scaffold-runs";
import { getDb } from "@/server/db/client";
import { currentActor } from "@/server/services/identity/current-actor";
import { listRuns } from "@/server/services/scaffold-runs/read-runs";
import { listTemplates } from "@/server/services/templates/template-catalog";

export const metadata: Metadata = { title: "Runs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) || undefined;

/** Every scaffold run, newest first, filtered by who asked, the template and the status (in the URL). */
export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const params: RunsParams = {
    requestedBy: first(raw.requestedBy),
    template: first(raw.template),
    status: first(raw.status),
  };
  const [actor, templates] = await Promise.all([currentActor(), listTemplates()]);
  const parsed = runListQuery.safeParse({
    ...params,
    requestedBy: params.requestedBy === "me" ? actor.email : params.requestedBy,
    limit: first(raw.limit),
  });
  if (!parsed.success)
    return (
      <Notice tone="danger" title="This runs link has a bad filter">
        <ul className="list-disc pl-5">
          {parsed.error.issues.map((i) => (
            <li key={i.path.join(".") + i.message}>
              <code>{i.path.join(".")}</code> {i.message}
            </li>
          ))}
        </ul>
        <Link className="mt-2 inline-block text-accent underline" href="/runs">
          Show every run
        </Link>
      </Notice>
    );

  const { items } = await listRuns(await getDb(), parsed.data);
  const filtered = Boolean(params.requestedBy || params.template || params.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Runs</h1>
          <p className="text-sm text-muted">
            Each new service is a scaffold run that opens its pull request. Newest first
            {items.length === parsed.data.limit ? `, the latest ${parsed.data.limit} shown` : ""}.
          </p>
        </div>
        <ButtonLink href="/new" variant="primary">
          New service
        </ButtonLink>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <RunFilters
          params={params}
          me={actor.email}
          templates={templates.map((t) => ({ id: t.id, title: t.title }))}
        />
        {filtered ? (
          <Link href={runsHref({})} className="text-sm text-muted hover:text-foreground hover:underline">
            Clear filters
          </Link>
        ) : null}
      </div>
      <AutoRefresh active={items.some((r) => r.status === "queued" || r.status === "running")} />
      {items.length === 0 ? (
        <EmptyState
          className="rounded-lg border border-border bg-surface"
          title={filtered ? "No run matches these filters" : "No runs yet"}
          description={
            filtered
              ? "Try another status or template, or runs requested by anyone."
              : "A run starts when someone opens a pull request for a new service from its preview."
          }
          action={
            filtered ? (
              <Link href="/runs" className="text-sm text-accent underline">
                Show every run
              </Link>
            ) : (
              <ButtonLink href="/new">Create a service</ButtonLink>
            )
          }
        />
      ) : (
        <RunsTable runs={items} params={params} />
      )}
    </div>
  );
}
