import type { DashboardLayout, Dataset, FilterClause, MetricQuery, Section, Threshold, Tile } from "./types";

// The Cloud Monitoring Dashboard API JSON of the shared layout, as google_monitoring_dashboard takes it
// (https://cloud.google.com/monitoring/api/ref_v3/rest/v1/projects.dashboards). The geometry follows
// the platform's dashboard modules (DOMAIN.md §2.1): a 12-column mosaic, one collapsibleGroup per
// section spanning that section's tiles, sections stacked vertically.

export const DASHBOARD_COLUMNS = 12;
/** Cloud Monitoring's widget cap as the platform enforces it; collapsible headers don't count. */
export const MAX_LEAF_WIDGETS = 50;
export const ALIGNMENT_PERIOD = "60s";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type DashboardJson = { [key: string]: Json };

const plotTypes: Record<Tile["chart"], string> = {
  line: "LINE",
  "stacked-area": "STACKED_AREA",
  "stacked-bar": "STACKED_BAR",
};

// Keys are code, not data, but a malformed one would splice extra terms into the filter.
const FILTER_KEY = /^[A-Za-z_]\w*(\.(?:[A-Za-z_]\w*|"[\w./-]+"))+$/;

function clause({ key, op, value }: FilterClause): string {
  if (!FILTER_KEY.test(key)) throw new Error(`Invalid filter key ${JSON.stringify(key)}`);
  const quoted = JSON.stringify(value);
  switch (op) {
    case "=":
      return `${key}=${quoted}`;
    case "!=":
      return `${key}!=${quoted}`;
    case "regex":
      return `${key}=monitoring.regex.full_match(${quoted})`;
  }
}

/**
 * The Cloud Monitoring filter of one query, e.g.
 * `metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision" AND …`.
 * Values are JSON-quoted, which the filter language reads as string literals.
 */
export function dashboardFilterString(query: MetricQuery): string {
  return [
    `metric.type=${JSON.stringify(query.metricType)}`,
    `resource.type=${JSON.stringify(query.resourceType)}`,
    ...query.filter.map(clause),
  ].join(" AND ");
}

/** The group-by fields of a query as the dashboard sends them: the region first. */
export function dashboardGroupByFields(query: MetricQuery): string[] {
  return [query.region.label, ...query.groupBy.filter((field) => field !== query.region.label)];
}

function filterAndAggregation(query: MetricQuery): DashboardJson {
  return {
    filter: dashboardFilterString(query),
    aggregation: {
      alignmentPeriod: ALIGNMENT_PERIOD,
      perSeriesAligner: query.aligner,
      crossSeriesReducer: query.reducer,
      groupByFields: dashboardGroupByFields(query),
    },
  };
}

// `resource.label.location` → `${resource.labels.location}`: the legend template names labels in
// the plural. A field it cannot name is left out of the legend rather than rendered literally.
function legendField(field: string): string | undefined {
  const match = /^(resource|metric)\.labels?\.(?:"([\w.-]+)"|([\w.-]+))$/.exec(field);
  if (!match) return undefined;
  return `\${${match[1]}.labels.${match[2] ?? match[3]}}`;
}

function legendTemplate(label: string, query: MetricQuery): string {
  const fields = dashboardGroupByFields(query).flatMap((field) => legendField(field) ?? []);
  return [label, ...fields].join(" ");
}

function dataSet(dataset: Dataset, plotType: string): DashboardJson {
  const common = { plotType, targetAxis: "Y1", minAlignmentPeriod: ALIGNMENT_PERIOD };
  if ("query" in dataset) {
    return {
      ...common,
      legendTemplate: legendTemplate(dataset.label, dataset.query),
      timeSeriesQuery: { timeSeriesFilter: filterAndAggregation(dataset.query) },
    };
  }
  const { numerator, denominator } = dataset.ratio;
  return {
    ...common,
    legendTemplate: legendTemplate(dataset.label, numerator),
    timeSeriesQuery: {
      timeSeriesFilterRatio: {
        numerator: filterAndAggregation(numerator),
        denominator: filterAndAggregation(denominator),
      },
    },
  };
}

function threshold(t: Threshold): DashboardJson {
  return {
    label: t.label,
    value: t.value,
    color: "RED",
    direction: t.direction === "above" ? "ABOVE" : "BELOW",
    targetAxis: "Y1",
  };
}

function widget(tile: Tile): DashboardJson {
  const plotType = plotTypes[tile.chart];
  return {
    title: tile.title,
    xyChart: {
      chartOptions: { mode: "COLOR" },
      dataSets: tile.datasets.map((dataset) => dataSet(dataset, plotType)),
      thresholds: tile.thresholds.map(threshold),
      yAxis: { label: tile.unit, scale: "LINEAR" },
    },
  };
}

function checkGeometry(tile: Tile, section: Section): void {
  const ok =
    Number.isInteger(tile.width) &&
    Number.isInteger(tile.height) &&
    tile.width >= 1 &&
    tile.width <= DASHBOARD_COLUMNS &&
    tile.height >= 1;
  if (!ok) {
    throw new Error(
      `Tile "${tile.id}" in section "${section.id}" is ${tile.width}×${tile.height}; ` +
        `tiles are whole cells, 1 to ${DASHBOARD_COLUMNS} wide and at least 1 high`,
    );
  }
}

/** A section's tiles left to right, wrapping at 12 columns; positions are relative to the section. */
function placeTiles(section: Section): { tiles: DashboardJson[]; height: number } {
  const tiles: DashboardJson[] = [];
  let x = 0;
  let rowY = 0;
  let rowHeight = 0;
  for (const tile of section.tiles) {
    checkGeometry(tile, section);
    if (x + tile.width > DASHBOARD_COLUMNS) {
      rowY += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    tiles.push({ xPos: x, yPos: rowY, width: tile.width, height: tile.height, widget: widget(tile) });
    x += tile.width;
    rowHeight = Math.max(rowHeight, tile.height);
  }
  return { tiles, height: rowY + rowHeight };
}

function countLeafWidgets(layout: DashboardLayout): number {
  return layout.sections.reduce((sum, section) => sum + section.tiles.length, 0);
}

/**
 * The dashboard as the Dashboard API (and google_monitoring_dashboard's dashboard_json) takes it,
 * with defaulted keys stripped so that Terraform plans show no perpetual diff.
 * Throws when the layout has more than MAX_LEAF_WIDGETS tiles or a tile has impossible geometry.
 */
export function dashboardJson(layout: DashboardLayout): DashboardJson {
  const leaves = countLeafWidgets(layout);
  if (leaves > MAX_LEAF_WIDGETS) {
    throw new Error(
      `Dashboard for service "${layout.service}" has ${leaves} widgets; ` +
        `the limit is ${MAX_LEAF_WIDGETS} per dashboard (collapsible headers don't count)`,
    );
  }
  const tiles: DashboardJson[] = [];
  let sectionY = 0;
  for (const section of layout.sections) {
    const placed = placeTiles(section);
    // An empty group would have height 0, which the API rejects; it has nothing to show anyway.
    if (placed.height === 0) continue;
    // As the platform's collapsible module does: the group tile spans its members (the API treats
    // every widget inside the group's area as a member), so it shares their rows.
    tiles.push({
      yPos: sectionY,
      width: DASHBOARD_COLUMNS,
      height: placed.height,
      widget: { title: section.title, collapsibleGroup: { collapsed: section.collapsed } },
    });
    for (const tile of placed.tiles) tiles.push({ ...tile, yPos: sectionY + Number(tile.yPos) });
    sectionY += placed.height;
  }
  return stripDefaults({
    displayName: layout.displayName,
    labels: { service: "" },
    mosaicLayout: { columns: DASHBOARD_COLUMNS, tiles },
  }) as DashboardJson;
}

// The root module's clean-up (DOMAIN.md §2.1), done on the structure rather than on the JSON text so
// that string values can never be touched.
function isDefault(key: string, value: Json | undefined): boolean {
  if (value === undefined || value === null) return true;
  switch (key) {
    case "collapsed":
      return value === false;
    case "xPos":
    case "yPos":
      return value === 0;
    case "thresholds":
    case "groupByFields":
    case "dashboardFilters":
      return Array.isArray(value) && value.length === 0;
    case "crossSeriesReducer":
      return value === "REDUCE_NONE";
    case "perSeriesAligner":
      return value === "ALIGN_NONE";
    default:
      return false;
  }
}

/** Removes the keys the Dashboard API defaults, at any depth. */
export function stripDefaults(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDefaults);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (isDefault(key, child)) continue;
    out[key] = stripDefaults(child as Json);
  }
  return out;
}
