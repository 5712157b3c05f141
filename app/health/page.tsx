import type { Metadata } from "next";
import { DEFAULT_DASHBOARD_RANGE } from "@/components/dashboards/dashboard-url";
import { dashboardRanges, type DashboardRange } from "@/lib/dashboards/dashboard-response";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/services/catalog/list-teams";
import { FleetHealthView } from "./_components/fleet-health-view";

export const metadata: Metadata = { title: "Fleet health" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const isRange = (value: unknown): value is DashboardRange =>
  typeof value === "string" && (dashboardRanges as readonly string[]).includes(value);

/** Every service × region as one grid of status cells; the data refreshes in the browser. */
export default async function FleetHealthPage({ searchParams }: { searchParams: SearchParams }) {
  const { range, only } = await searchParams;
  const teams = await listTeams(await getDb());
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Fleet health</h1>
        <p className="text-sm text-muted">
          Every service in every region: 5xx ratio and p95 latency now, and whether a region stands out from
          the service&apos;s other regions.
        </p>
      </div>
      <FleetHealthView
        initialRange={isRange(range) ? range : DEFAULT_DASHBOARD_RANGE}
        initialOnlyProblems={only === "problems"}
        teams={Object.fromEntries(teams.map((t) => [t.name, t.displayName]))}
      />
    </div>
  );
}
