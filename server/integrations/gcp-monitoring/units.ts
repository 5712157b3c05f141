import "server-only";
import type { MetricQuery } from "@/lib/dashboards/types";
import { describeMetric } from "@/server/integrations/embedded-metrics/metric-catalog";

// Cloud Monitoring reports each metric in its descriptor's unit (UCUM): Cloud Run latencies in
// milliseconds, but Pub/Sub push latencies in microseconds. The dashboard draws every metric in
// the unit of the portal's metric catalog (the tile's unit, which the embedded store also keeps),
// so a series is scaled from the unit it was reported in (its TimeSeries.unit, or the catalog's
// upstreamUnit when the answer names none) to the catalog's unit.

/** Time units in nanoseconds; integers, so a conversion is one exact multiplication and one division. */
const NANOSECONDS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "\u00b5s": 1e3,
  ms: 1e6,
  s: 1e9,
  min: 60e9,
  h: 3600e9,
  d: 86_400e9,
};

export type Scale = (value: number) => number;

const identity: Scale = (value) => value;

/** from → to, or undefined when one of them is not a unit this knows (or they measure different things). */
export function unitScale(from: string, to: string): Scale | undefined {
  if (from === to) return identity;
  const a = NANOSECONDS[from];
  const b = NANOSECONDS[to];
  return a === undefined || b === undefined ? undefined : (value) => (value * a) / b;
}

/**
 * How to bring the values of one series of `query`'s answer into the catalog's unit. Rates are left
 * alone (per second of the metric's unit, or of its observations for a distribution), as is a
 * metric the catalog does not know.
 */
export function seriesScale(query: MetricQuery, reportedUnit: string | null | undefined): Scale {
  const descriptor = describeMetric(query.metricType);
  if (!descriptor || query.aligner === "ALIGN_RATE") return identity;
  const reported = reportedUnit ? unitScale(reportedUnit, descriptor.unit) : undefined;
  return reported ?? unitScale(descriptor.upstreamUnit ?? descriptor.unit, descriptor.unit) ?? identity;
}
