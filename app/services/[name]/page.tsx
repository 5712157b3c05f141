import { ComingWith } from "@/components/service/coming-with";

export default function HealthTab() {
  return (
    <ComingWith feature="Per-region health" issue={5}>
      <p className="mt-1">
        Traffic, errors, latency (p50/p95/p99), instances, CPU and memory per region and in total, drawn from
        the one shared dashboard layout.
      </p>
    </ComingWith>
  );
}
