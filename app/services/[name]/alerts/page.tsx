import { ComingWith } from "@/components/service/coming-with";

export default function AlertsTab() {
  return (
    <ComingWith feature="Alerts" issue={6}>
      <p className="mt-1">
        The service&apos;s alert policies with their state per region, since when, and recent incidents.
      </p>
    </ComingWith>
  );
}
