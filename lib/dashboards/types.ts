// The shared dashboard layout: data, not code paths. Three consumers read it: the portal (each
// dataset becomes ONE MetricsSource query grouped by region), the Terraform renderer
// (google_monitoring_dashboard, mosaic layout) and, later, the alert evaluator.

/** The label every query can split by: the Cloud Run region of the series. */
export const REGION_LABEL = "resource.label.location";

export type Aligner = "ALIGN_RATE" | "ALIGN_DELTA" | "ALIGN_MEAN" | "ALIGN_MAX" | "ALIGN_SUM";
export type Reducer =
  | "REDUCE_SUM"
  | "REDUCE_MEAN"
  | "REDUCE_MAX"
  | "REDUCE_PERCENTILE_50"
  | "REDUCE_PERCENTILE_95"
  | "REDUCE_PERCENTILE_99";

/** Units as Cloud Monitoring names them (UCUM-ish); the portal formats by unit. */
export type Unit = "1/s" | "1" | "%" | "ms" | "s" | "By";

/** One clause of a Cloud Monitoring filter, e.g. metric.label.response_code_class = "5xx". */
export interface FilterClause {
  key: string;
  op: "=" | "!=" | "regex";
  value: string;
}

/** One time-series query: Cloud Monitoring's listTimeSeries filter + aggregation, without the region. */
export interface MetricQuery {
  metricType: string;
  resourceType: string;
  /** Clauses ANDed after metric.type and resource.type; includes the service scope. */
  filter: FilterClause[];
  /** Per-series alignment over the step. */
  aligner: Aligner;
  /** Cross-series reduction; the region is always among the group-by fields. */
  reducer: Reducer;
  /** Group-by fields besides the region (e.g. metric.label.response_code_class). */
  groupBy: string[];
  /**
   * Where the region comes from. Cloud Run resources carry it in resource.label.location; Pub/Sub
   * subscriptions do not, so a trigger's per-region subscriptions (`<trigger>-<region>-<rand4>`)
   * are grouped by subscription_id and the region is read from the id with `pattern`.
   */
  region: { label: string; pattern?: string };
}

/** A line (or stack) on a tile: one query, or a ratio of two (both grouped by region). */
export type Dataset =
  | { label: string; query: MetricQuery }
  | { label: string; ratio: { numerator: MetricQuery; denominator: MetricQuery } };

/** How a tile's per-region series combine into the "all regions" series. */
export type Combine = "sum" | "ratio" | "max" | "mean";

export interface Threshold {
  value: number;
  label: string;
  /** Which side of the line is bad. */
  direction: "above" | "below";
}

export interface Tile {
  id: string;
  title: string;
  unit: Unit;
  chart: "line" | "stacked-area" | "stacked-bar";
  datasets: Dataset[];
  combine: Combine;
  thresholds: Threshold[];
  /** Mosaic geometry inside its section, 12 columns wide. */
  width: number;
  height: number;
}

export interface Section {
  id: string;
  title: string;
  collapsed: boolean;
  tiles: Tile[];
}

export interface DashboardLayout {
  /** As the platform modules name it, e.g. "Cloud Run Service: checkout-api". */
  displayName: string;
  service: string;
  sections: Section[];
}
