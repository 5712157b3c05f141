import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildChartModel } from "@/components/charts/chart-model";
import { linePath } from "@/components/charts/chart-paths";
import { nearestIndex, niceTicks, timeTicks } from "@/components/charts/chart-scale";
import { regionColor } from "@/components/charts/region-colors";
import { IncidentMarkersProvider } from "@/components/charts/incident-markers";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { dashboardSearch, hiddenParam, rangeParams } from "@/components/dashboards/dashboard-url";
import { DashboardTile } from "@/components/dashboards/dashboard-tile";
import { RegionStrip } from "@/components/dashboards/region-strip";
import { ALL_REGIONS, type TileData } from "@/lib/dashboards/dashboard-response";
import { formatMetric, metricFormat } from "@/lib/dashboards/format-metric";
import { DEGRADED_REGION, FAILING_TILE, dashboardResponse } from "./fixtures/dashboard-response";

// Node has no DOM here: components render to static markup with a fixed width.

const tiles = dashboardResponse.sections.flatMap((s) => s.tiles);
const tile = (id: string): TileData => {
  const found = tiles.find((t) => t.id === id);
  if (!found) throw new Error(`no tile ${id}`);
  return found;
};
const none = new Set<string>();

describe("format-metric", () => {
  it("formats each unit as people read it", () => {
    expect(formatMetric(12.345, metricFormat(tile("request-count")))).toBe("12.3 req/s");
    expect(formatMetric(0.081, metricFormat(tile("error-ratio")))).toBe("8.1%");
    expect(formatMetric(0.0042, metricFormat(tile("error-ratio")))).toBe("0.42%");
    expect(formatMetric(0.55, metricFormat(tile("cpu")))).toBe("55%");
    expect(formatMetric(1234, metricFormat(tile("instances")))).toBe("1,234");
    expect(formatMetric(123.4, { kind: "ms" })).toBe("123 ms");
    expect(formatMetric(1234, { kind: "ms" })).toBe("1.2 s");
    expect(formatMetric(12_345, metricFormat(tile("instances")))).toBe("12.3k");
    expect(formatMetric(200, { kind: "seconds" })).toBe("3 min 20 s");
    expect(formatMetric(7500, { kind: "seconds" })).toBe("2 h 5 min");
    expect(formatMetric(12_300, { kind: "bytes" })).toBe("12.3 kB");
    expect(formatMetric(4_500_000, { kind: "bytes" })).toBe("4.5 MB");
    expect(formatMetric(null, { kind: "ms" })).toBe("no data");
    expect(formatMetric(12, { kind: "rate", noun: "req" }, true)).toBe("12/s");
  });
});

describe("chart scales", () => {
  it("picks round ticks that cover the data", () => {
    expect(niceTicks(0, 87, 4).ticks).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 0.083, 4).domain).toEqual([0, 0.1]);
    expect(niceTicks(Infinity, -Infinity, 4).domain).toEqual([0, 1]);
    expect(niceTicks(0, 250, 3, [60, 120, 300]).ticks).toEqual([0, 120, 240, 360]);
  });

  it("puts time ticks on UTC boundaries", () => {
    const from = Date.parse("2025-01-15T06:00:00Z");
    const ticks = timeTicks(from, from + 6 * 3600_000, 6);
    expect(ticks.map((t) => t.label)).toEqual([
      "06:00",
      "07:00",
      "08:00",
      "09:00",
      "10:00",
      "11:00",
      "12:00",
    ]);
    expect(nearestIndex([10, 20, 30], 24)).toBe(1);
    expect(nearestIndex([10, 20, 30], 99)).toBe(2);
  });

  it("gives every region a stable colour", () => {
    expect(regionColor("us-east4")).toBe(regionColor("us-east4"));
    expect(new Set(["us-central1", "us-east4", "europe-west1"].map(regionColor)).size).toBe(3);
  });
});

describe("chart model", () => {
  it("keeps nulls as gaps, never zeros", () => {
    expect(
      linePath(
        [1, 2, null, 4, null],
        (i) => i * 10,
        (v) => v,
      ),
    ).toBe("M0,1L10,2M30,4h0.01");
    const model = buildChartModel(tile("latency-p95"), none);
    const europe = model.series.find((s) => s.region === "europe-west1");
    expect(europe?.values.filter((v) => v === null)).toHaveLength(12);
  });

  it("stacks visible regions and hides what the legend hides", () => {
    const all = buildChartModel(tile("request-count"), none);
    expect(all.stacked).toBe(true);
    expect(all.regions).toEqual(["europe-west1", "us-central1", "us-east4"]);
    const hidden = buildChartModel(tile("request-count"), new Set([DEGRADED_REGION, ALL_REGIONS]));
    expect(hidden.series.some((s) => s.region === DEGRADED_REGION || s.isAll)).toBe(false);
    const top = hidden.series[hidden.series.length - 1]?.top ?? [];
    expect(hidden.max).toBeLessThan(all.max);
    expect(Math.max(...top.filter((v): v is number => v !== null))).toBe(hidden.max);
  });
});

describe("TimeSeriesChart", () => {
  const window = dashboardResponse.window;

  it("draws one path per region and the combined line, with an accessible summary", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart tile={tile("latency-p95")} window={window} initialWidth={600} />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Request latency p95, 3 regions, last 6 hours"');
    for (const region of ["us-central1", "us-east4", "europe-west1", ALL_REGIONS])
      expect(html).toContain(`data-region="${region}"`);
    expect(html).toContain("<table");
  });

  it("leaves out hidden regions and draws the threshold", () => {
    const html = renderToStaticMarkup(
      <TimeSeriesChart
        tile={tile("error-ratio")}
        window={window}
        hidden={new Set([DEGRADED_REGION])}
        initialWidth={600}
      />,
    );
    expect(html).not.toContain(`data-region="${DEGRADED_REGION}"`);
    expect(html).toContain("2 of 3 regions shown");
    expect(html).toContain("failure-rate alert 20%");
  });

  it("marks alert incidents and replays inside the window as bands, and nothing outside it", () => {
    const from = Date.parse(window.from);
    const to = Date.parse(window.to);
    const html = renderToStaticMarkup(
      <IncidentMarkersProvider
        value={[
          {
            id: "inc-1",
            from: from + 60_000,
            to: from + 600_000,
            region: "us-east4",
            label: "5xx ratio fired",
          },
          {
            id: "rep-1",
            kind: "replay",
            from: to - 600_000,
            to: null,
            region: "all",
            label: "Replay by grace",
          },
          {
            id: "rep-late",
            kind: "replay",
            from: to + 60_000,
            to: null,
            region: "all",
            label: "after the window",
          },
        ]}
      >
        <TimeSeriesChart tile={tile("latency-p95")} window={window} initialWidth={600} />
      </IncidentMarkersProvider>,
    );
    expect(html).toContain('data-incident="inc-1"');
    expect(html).toContain('data-replay="rep-1"');
    expect(html).toContain("<title>Replay by grace</title>");
    expect(html).toMatch(/data-replay="rep-1"[\s\S]*?fill="var\(--accent\)"/);
    expect(html).not.toContain("rep-late");
  });

  it("draws stacked bars as one path per layer", () => {
    const bars = { ...tile("request-count"), chart: "stacked-bar" as const };
    const html = renderToStaticMarkup(<TimeSeriesChart tile={bars} window={window} initialWidth={800} />);
    expect(html).toContain('data-chart="stacked-bar"');
    expect(html.match(/<path[^>]*data-region="us-east4"/g)).toHaveLength(3);
  });

  it("shows a failed tile's error with a Retry button", () => {
    const html = renderToStaticMarkup(
      <DashboardTile
        tile={tile(FAILING_TILE)}
        window={window}
        hidden={none}
        onRetry={() => {}}
        retrying={false}
      />,
    );
    expect(html).toContain("DEADLINE_EXCEEDED");
    expect(html).toContain(">Retry<");
  });
});

describe("RegionStrip and URL state", () => {
  it("marks the degraded region with a badge and its reasons", () => {
    const html = renderToStaticMarkup(<RegionStrip regions={dashboardResponse.regions} />);
    expect(html.match(/data-status="degraded"/g)).toHaveLength(1);
    expect(html).toContain(`data-region="${DEGRADED_REGION}" data-status="degraded"`);
    expect(html).toContain("Degraded");
    expect(html).toContain("5xx ratio");
  });

  it("reads and writes range and hidden regions", () => {
    expect(rangeParams({ range: "24h", hide: "x" })).toEqual({ range: "24h" });
    expect(hiddenParam({ hide: ["us-east4,all", "us-east4"] })).toEqual(["us-east4", "all"]);
    expect(dashboardSearch({ range: "6h", hide: [] })).toBe("");
    expect(dashboardSearch({ range: "24h", hide: ["us-east4", "all"] })).toBe("?range=24h&hide=all,us-east4");
  });
});
