"use client";

import { useMemo } from "react";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { ServiceAlertPolicy } from "@/lib/alerts/alert-api";
import type { DashboardResponse, TileData } from "@/lib/dashboards/dashboard-response";

/** The policy's value per region over the last hour as a dashboard tile, with the threshold line. */
export function policyTile(policy: ServiceAlertPolicy): {
  tile: TileData;
  window: DashboardResponse["window"];
} {
  const times = policy.series[0]?.points.map(([t]) => t) ?? [];
  const step = times.length > 1 ? times[1]! - times[0]! : 60_000;
  const to = times.at(-1) ?? Date.now();
  const from = (times[0] ?? to) - step;
  const ratio = policy.unit === "1" && policy.thresholdRule.max === 1;
  return {
    tile: {
      id: `alert-${policy.id}`,
      title: policy.title,
      unit: policy.unit,
      chart: "line",
      combine: ratio ? "ratio" : "max",
      thresholds: [{ value: policy.threshold, label: "threshold", direction: "above" }],
      width: 12,
      height: 3,
      datasets: [{ label: "value" }],
      series: policy.series.map((s) => ({ region: s.region, dataset: "value", group: {}, points: s.points })),
    },
    window: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      stepSeconds: step / 1000,
      range: "1h",
    },
  };
}

export function PolicyChart({ policy }: { policy: ServiceAlertPolicy }) {
  const { tile, window } = useMemo(() => policyTile(policy), [policy]);
  return <TimeSeriesChart tile={tile} window={window} height={120} />;
}
