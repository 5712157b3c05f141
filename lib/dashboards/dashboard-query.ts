import { z } from "zod";
import { dashboardRanges } from "./dashboard-response";

// The query string of the dashboards: `GET /api/services/{name}/dashboard` and the service page
// share `dashboardQuery`; `GET /api/fleet/health` takes `fleetHealthQuery`. The server turns a
// parsed query into an aligned window (server/services/dashboards/dashboard-window.ts).

/** The longest explicit window, from `from` to `to`. */
export const MAX_WINDOW_MS = 8 * 24 * 3600_000;
/** How far `to` may lie in the future (clock skew between browser and server). */
export const FUTURE_TOLERANCE_MS = 60_000;

const rangeParam = z.enum(dashboardRanges, { message: `must be one of ${dashboardRanges.join(", ")}` });
const instant = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 date-time with a time zone, such as 2025-01-31T12:00:00Z",
});

export interface DashboardQueryIssue {
  field: "range" | "from" | "to";
  rule: string;
}

/**
 * The rules between the parameters (the formats are the schema's): `from` and `to` come together,
 * not with `range`; `from` is before `to`, at most 8 days before it; `to` is not in the future by
 * more than a minute. Shared by the schema and the server, which checks against its own clock.
 */
export function dashboardQueryIssues(
  query: { range?: string; from?: string; to?: string },
  now: Date,
): DashboardQueryIssue[] {
  const { range, from, to } = query;
  if (from === undefined && to === undefined) return [];
  const issues: DashboardQueryIssue[] = [];
  if (range !== undefined) issues.push({ field: "range", rule: "cannot be combined with from and to" });
  if (from === undefined) issues.push({ field: "from", rule: "is required when to is given" });
  if (to === undefined) issues.push({ field: "to", rule: "is required when from is given" });
  if (from === undefined || to === undefined) return issues;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (start >= end) issues.push({ field: "from", rule: "must be before to" });
  else if (end - start > MAX_WINDOW_MS)
    issues.push({ field: "from", rule: "must be at most 8 days before to" });
  if (end > now.getTime() + FUTURE_TOLERANCE_MS)
    issues.push({ field: "to", rule: "must not be in the future (by more than a minute)" });
  return issues;
}

/** A preset `range` (default 6h), or an explicit window `from` + `to` (ISO 8601, at most 8 days). */
export const dashboardQuery = z
  .strictObject({ range: rangeParam.optional(), from: instant.optional(), to: instant.optional() })
  .superRefine((query, ctx) => {
    for (const issue of dashboardQueryIssues(query, new Date()))
      ctx.addIssue({ code: "custom", path: [issue.field], message: issue.rule });
  });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The fleet health strip takes a preset range only (default 6h). */
export const fleetHealthQuery = z.strictObject({ range: rangeParam.optional() });
export type FleetHealthQuery = z.infer<typeof fleetHealthQuery>;
