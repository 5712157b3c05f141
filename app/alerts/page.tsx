import type { Metadata } from "next";
import { FleetAlertsView } from "@/components/alerts/fleet-alerts-view";

export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What fires now across the fleet (or has no data); the data refreshes in the browser. */
export default async function FleetAlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const { state } = await searchParams;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Alerts</h1>
        <p className="text-sm text-muted">
          The portal&apos;s alert policies of every deployed service, per region and for all regions together.
        </p>
      </div>
      <FleetAlertsView state={state === "no_data" ? "no_data" : "firing"} />
    </div>
  );
}
