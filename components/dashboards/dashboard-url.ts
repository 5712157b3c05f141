import type { DashboardRange } from "@/lib/dashboards/dashboard-response";

// The dashboard's state in the URL: ?range=24h (or from & to) and ?hide=us-east4,all. The range is
// validated by lib/dashboards/dashboard-query.ts; this only reads and writes the parameters.

/** The default preset when the URL names none (the API's default too). */
export const DEFAULT_DASHBOARD_RANGE: DashboardRange = "6h";

export interface DashboardUrlState {
  /** A preset; ignored when from and to are set. */
  range: DashboardRange;
  from?: string;
  to?: string;
  /** Regions hidden on every chart; ALL_REGIONS hides the combined series. */
  hide: string[];
}

type RawParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The raw range / from / to parameters, for dashboardQuery.safeParse. */
export function rangeParams(params: RawParams): { range?: string; from?: string; to?: string } {
  const picked = { range: first(params.range), from: first(params.from), to: first(params.to) };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined && v !== ""));
}

/** The hidden regions of `?hide=a,b` (repeated parameters are joined). */
export function hiddenParam(params: RawParams): string[] {
  const raw = Array.isArray(params.hide) ? params.hide.join(",") : (params.hide ?? "");
  return [
    ...new Set(
      raw
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
}

/** The query string of a dashboard state, defaults left out: "?range=24h&hide=us-east4" or "". */
export function dashboardSearch(state: DashboardUrlState): string {
  const search = new URLSearchParams();
  if (state.from && state.to) {
    search.set("from", state.from);
    search.set("to", state.to);
  } else if (state.range !== DEFAULT_DASHBOARD_RANGE) search.set("range", state.range);
  if (state.hide.length) search.set("hide", [...state.hide].sort().join(","));
  const qs = search.toString().replaceAll("%2C", ",");
  return qs ? `?${qs}` : "";
}
