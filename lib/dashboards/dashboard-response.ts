import type { Section, Tile } from "./types";

// The JSON of GET /api/services/{name}/dashboard: the shared layout with data filled in.

export const dashboardRanges = ["1h", "6h", "24h", "7d"] as const;
export type DashboardRange = (typeof dashboardRanges)[number];

/** The pseudo-region of the series that combines every region (sum, ratio of sums, max or mean). */
export const ALL_REGIONS = "all";

export interface SeriesData {
  /** A region such as us-central1, or ALL_REGIONS. */
  region: string;
  /** The dataset's label (e.g. "p95", "requests/s"). */
  dataset: string;
  /** Values of the query's extra group-by fields, e.g. { "metric.label.response_code_class": "5xx" }. */
  group: Record<string, string>;
  /** [epoch ms, value or null], ascending, one point per step. */
  points: [number, number | null][];
}

export interface TileData extends Omit<Tile, "datasets"> {
  datasets: { label: string }[];
  series: SeriesData[];
  /** Set when this tile's query failed; the other tiles still carry data. */
  error?: string;
}

export interface SectionData extends Omit<Section, "tiles"> {
  tiles: TileData[];
}

/** One cell of the region strip. */
export interface RegionHealth {
  region: string;
  requestsPerSecond: number | null;
  errorRatio: number | null;
  p95Ms: number | null;
  status: "ok" | "degraded" | "no-data";
  /** Why a region is degraded, in words: "error ratio 8.1% is 5.2× the median of the other regions". */
  reasons: string[];
}

export interface DashboardResponse {
  service: string;
  displayName: string;
  source: "embedded" | "cloud-monitoring";
  window: { from: string; to: string; stepSeconds: number; range: DashboardRange | null };
  regions: RegionHealth[];
  sections: SectionData[];
  generatedAt: string;
}

/** GET /api/services/{name}/dashboard/terraform: the same layout as the console dashboard's Terraform. */
export interface DashboardTerraform {
  service: string;
  resourceName: string;
  /** The google_monitoring_dashboard resource, as generated services carry it. */
  hcl: string;
  /** The dashboard JSON Terraform sends to Cloud Monitoring. */
  json: Record<string, unknown>;
}
