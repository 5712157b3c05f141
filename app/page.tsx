import Link from "next/link";
import type { Metadata } from "next";
import { CatalogFilters } from "@/components/catalog/catalog-filters";
import { CatalogTable } from "@/components/catalog/catalog-table";
import { Pagination } from "@/components/catalog/pagination";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { catalogQuery } from "@/lib/catalog";
import { catalogHref, catalogParams } from "@/lib/catalog-url";
import { getDb } from "@/server/db/client";
import { countDemoServices } from "@/server/services/catalog/count-demo-services";
import { listRegions } from "@/server/services/catalog/list-regions";
import { listServices } from "@/server/services/catalog/list-services";
import { listTeams } from "@/server/services/catalog/list-teams";

export const metadata: Metadata = { title: "Catalog" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]),
  );
  const parsed = catalogQuery.safeParse(raw);
  const db = await getDb();
  const [teams, regions, demoCount] = await Promise.all([
    listTeams(db),
    listRegions(db),
    countDemoServices(db),
  ]);
  if (!parsed.success) {
    return (
      <Notice tone="danger" title="This catalog link has a bad filter">
        <ul className="list-disc pl-5">
          {parsed.error.issues.map((i) => (
            <li key={i.path.join(".") + i.message}>
              <code>{i.path.join(".") || ("keys" in i ? String(i.keys) : "")}</code>{" "}
              {i.code === "unrecognized_keys" ? "is not a known filter" : i.message}
            </li>
          ))}
        </ul>
        <Link className="mt-2 inline-block text-accent underline" href="/">
          Show the whole catalog
        </Link>
      </Notice>
    );
  }
  const query = parsed.data;
  const page = await listServices(db, query);
  const params = catalogParams(query);
  const filtered = Boolean(query.q || query.team || query.kind || query.region || query.lifecycle);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Service catalog</h1>
          <p className="text-sm text-muted">
            {page.total} {page.total === 1 ? "service" : "services"}
            {filtered ? " match" : ""} across {teams.length} teams and {regions.length} regions
          </p>
        </div>
        <ButtonLink href="/new" variant="primary">
          New service
        </ButtonLink>
      </div>
      {demoCount > 0 ? (
        <Notice tone="info" title="Demo fleet">
          Services marked <strong>demo</strong> were seeded on first start of the embedded portal so there is
          something to explore. They are not in any cloud project.
        </Notice>
      ) : null}
      <CatalogFilters
        params={params}
        teams={teams.map((t) => ({ name: t.name, label: t.displayName }))}
        regions={regions}
      />
      {page.items.length === 0 ? (
        <EmptyState
          title={filtered ? "No service matches these filters" : "The catalog is empty"}
          description={
            filtered
              ? "Try a shorter search or remove a filter."
              : "Services appear here when they are created or imported."
          }
          action={
            filtered ? (
              <Link className="text-sm text-accent underline" href="/">
                Clear all filters
              </Link>
            ) : undefined
          }
        />
      ) : (
        <>
          <CatalogTable items={page.items} params={params} />
          <Pagination
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            hrefFor={(p) => catalogHref(params, { page: String(p) })}
          />
        </>
      )}
    </div>
  );
}
