import "server-only";
import type { MetricQuery } from "@/lib/dashboards/types";

export interface MetricWindow {
  from: Date;
  to: Date;
  /** Alignment period: every point is the aggregate of one step, stamped at the step's end. */
  stepSeconds: number;
}

/** One series of a query result: one region (and one value of each extra group-by field). */
export interface RawSeries {
  region: string;
  /** Values of the query's extra group-by fields, keyed by field (e.g. metric.label.response_code_class). */
  labels: Record<string, string>;
  /** [epoch ms at the step's end, value or null when the step has no data], ascending. */
  points: [number, number | null][];
}

/**
 * Where service metrics come from. One call answers one query for every region at once (the region
 * is always a group-by field): callers never loop over regions.
 */
export interface MetricsSource {
  readonly kind: "embedded" | "cloud-monitoring";
  listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]>;
  /** Drops cached results, e.g. after samples were written out of band (caching sources only). */
  forget?(): void;
}
