import type { CatalogQuery } from "./catalog";

type Params = Partial<
  Record<"q" | "team" | "kind" | "region" | "lifecycle" | "sort" | "dir" | "page", string | undefined>
>;

/** The catalog page's URL for the current filters with some changed; defaults are left out. */
export function catalogHref(current: Params, change: Params): string {
  const merged: Params = { ...current, ...change };
  if (!("page" in change)) delete merged.page;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (!value) continue;
    if (key === "sort" && value === "name") continue;
    if (key === "dir" && value === "asc") continue;
    if (key === "page" && value === "1") continue;
    search.set(key, value);
  }
  const qs = search.toString();
  return qs ? `/?${qs}` : "/";
}

/** The URL parameters that reproduce a parsed catalog query. */
export function catalogParams(query: CatalogQuery): Params {
  return {
    q: query.q,
    team: query.team?.join(","),
    kind: query.kind?.join(","),
    region: query.region?.join(","),
    lifecycle: query.lifecycle?.join(","),
    sort: query.sort,
    dir: query.dir,
    page: String(query.page),
  };
}
