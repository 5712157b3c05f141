import path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { dashboardHcl, dashboardResourceName, escapeHclTemplate } from "@/lib/dashboards/dashboard-hcl";
import {
  dashboardFilterString,
  dashboardJson,
  MAX_LEAF_WIDGETS,
  stripDefaults,
  type DashboardJson,
} from "@/lib/dashboards/dashboard-json";
import { serviceDashboard, type LayoutService } from "@/lib/dashboards/service-layout";
import { REGION_LABEL, type DashboardLayout, type MetricQuery } from "@/lib/dashboards/types";

const services: Record<string, LayoutService> = {
  http: { name: "checkout-api", kind: "http", triggers: [] },
  receiver: { name: "order-recorder", kind: "event-receiver", triggers: ["orders-paid", "orders-created"] },
  cron: { name: "nightly-export", kind: "cron", triggers: [] },
  githubBot: { name: "label-bot", kind: "github-bot", triggers: ["github-events"] },
};

/* eslint-disable @typescript-eslint/no-explicit-any -- walking untyped JSON */
type Tile = { xPos?: number; yPos?: number; width: number; height: number; widget: any };
const tilesOf = (json: DashboardJson) => (json.mosaicLayout as any).tiles as Tile[];
/* eslint-enable @typescript-eslint/no-explicit-any */
const headers = (json: DashboardJson) => tilesOf(json).filter((t) => t.widget.collapsibleGroup);
const leaves = (json: DashboardJson) => tilesOf(json).filter((t) => !t.widget.collapsibleGroup);

/**
 * hcl2json answers in Terraform's JSON syntax, where a string is a template: `$${` and `%%{` stand for
 * literal `${` and `%{`, and a bare `${` or `%{` would be an interpolation or a directive. This decodes
 * a template that must be a pure literal, failing on any live sequence, the way HCL's scanner reads it.
 */
function literalTemplate(template: string): string {
  let out = "";
  for (let i = 0; i < template.length;) {
    const next = template.slice(i, i + 3);
    if (next === "$${" || next === "%%{") {
      out += next.slice(1);
      i += 3;
    } else if (next.startsWith("${") || next.startsWith("%{")) {
      throw new Error(`live template sequence at ${i}: ${template.slice(i, i + 40)}`);
    } else {
      out += template[i];
      i += 1;
    }
  }
  return out;
}

/** What Terraform computes for the resource: its project expression and its dashboard_json string. */
async function terraformValue(hcl: string, resourceName: string) {
  const parsed = await parse("main.tf", hcl);
  const blocks = parsed.resource?.google_monitoring_dashboard?.[resourceName];
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  return { project: block.project as string, dashboardJson: literalTemplate(block.dashboard_json) };
}

async function expectRoundTrip(layout: DashboardLayout) {
  const json = dashboardJson(layout);
  const name = dashboardResourceName(layout.service);
  const value = await terraformValue(dashboardHcl(layout), name);
  expect(value.project).toBe("${var.project_id}");
  // Byte for byte, so not even whitespace differs between the portal's JSON and the plan's.
  expect(value.dashboardJson).toBe(`${JSON.stringify(json, null, 2)}\n`);
  expect(JSON.parse(value.dashboardJson)).toEqual(json);
  return json;
}

/** Every query of every leaf, in layout order, next to its aggregation(s) in the JSON. */
function queriesWithAggregations(layout: DashboardLayout, json: DashboardJson) {
  const layoutTiles = layout.sections.flatMap((s) => s.tiles);
  const jsonTiles = leaves(json);
  expect(jsonTiles).toHaveLength(layoutTiles.length);
  return layoutTiles.flatMap((tile, i) =>
    tile.datasets.flatMap((dataset, j) => {
      const query = jsonTiles[i]?.widget.xyChart.dataSets[j].timeSeriesQuery;
      if ("query" in dataset) return [{ query: dataset.query, json: query.timeSeriesFilter }];
      const ratio = query.timeSeriesFilterRatio;
      return [
        { query: dataset.ratio.numerator, json: ratio.numerator },
        { query: dataset.ratio.denominator, json: ratio.denominator },
      ];
    }),
  );
}

describe.each(Object.entries(services))("the %s dashboard in Terraform", (_kind, service) => {
  const layout = serviceDashboard(service);

  it("computes exactly dashboardJson(layout)", async () => {
    await expectRoundTrip(layout);
  });

  it("groups every dataset by its region field, with the layout's filter and aggregation", () => {
    const pairs = queriesWithAggregations(layout, dashboardJson(layout));
    expect(pairs.length).toBeGreaterThan(0);
    for (const { query, json } of pairs) {
      expect(json.filter).toBe(dashboardFilterString(query));
      expect(json.aggregation).toEqual({
        alignmentPeriod: "60s",
        perSeriesAligner: query.aligner,
        crossSeriesReducer: query.reducer,
        groupByFields: [query.region.label, ...query.groupBy],
      });
    }
  });

  it("stacks sections on the 12-column grid, each group spanning exactly its tiles", () => {
    const json = dashboardJson(layout);
    expect(json.mosaicLayout).toMatchObject({ columns: 12 });
    expect(json.labels).toEqual({ service: "" });
    let y = 0;
    let index = 0;
    const tiles = tilesOf(json);
    for (const section of layout.sections) {
      const header = tiles[index++];
      expect(header?.widget).toEqual({
        title: section.title,
        collapsibleGroup: section.collapsed ? { collapsed: true } : {},
      });
      expect(header).toMatchObject({ width: 12 });
      expect(header?.yPos ?? 0).toBe(y);
      const members = tiles.slice(index, (index += section.tiles.length));
      for (const tile of members) {
        const [x, top] = [tile.xPos ?? 0, tile.yPos ?? 0];
        expect(x + tile.width).toBeLessThanOrEqual(12);
        expect(top).toBeGreaterThanOrEqual(y);
        expect(top + tile.height).toBeLessThanOrEqual(y + header!.height);
      }
      expect(Math.max(...members.map((t) => (t.yPos ?? 0) + t.height))).toBe(y + header!.height);
      y += header!.height;
    }
    const cells = new Set<string>();
    for (const tile of leaves(json))
      for (let dx = 0; dx < tile.width; dx++)
        for (let dy = 0; dy < tile.height; dy++) {
          const cell = `${(tile.xPos ?? 0) + dx},${(tile.yPos ?? 0) + dy}`;
          expect(cells.has(cell), `overlap at ${cell}`).toBe(false);
          cells.add(cell);
        }
  });

  it("carries no key the Dashboard API would default", () => {
    const text = JSON.stringify(dashboardJson(layout));
    for (const forbidden of [
      /"collapsed":false/,
      /"[xy]Pos":0[,}]/,
      /"(thresholds|groupByFields|dashboardFilters)":\[\]/,
      /REDUCE_NONE|ALIGN_NONE/,
      /:null/,
    ])
      expect(text).not.toMatch(forbidden);
  });
});

describe("dashboard contents", () => {
  it("counts leaf widgets and section headers per kind", () => {
    const counts = Object.fromEntries(
      Object.entries(services).map(([kind, service]) => {
        const json = dashboardJson(serviceDashboard(service));
        return [kind, { leaves: leaves(json).length, headers: headers(json).length }];
      }),
    );
    expect(counts).toEqual({
      http: { leaves: 9, headers: 3 },
      receiver: { leaves: 17, headers: 5 },
      cron: { leaves: 1, headers: 1 },
      githubBot: { leaves: 13, headers: 4 },
    });
  });

  it("gives an event receiver one Events section per trigger, sorted, before the HTTP sections", () => {
    const titles = headers(dashboardJson(serviceDashboard(services.receiver!))).map((t) => t.widget.title);
    expect(titles.slice(0, 2)).toEqual(["Events orders-created", "Events orders-paid"]);
    expect(titles.filter((t: string) => t.startsWith("Events "))).toHaveLength(2);
  });

  it("refuses more than 50 leaf widgets, naming the count, the limit and the service", () => {
    const base = serviceDashboard(services.http!);
    const tile = base.sections[0]!.tiles[0]!;
    const tiles = (n: number) => Array.from({ length: n }, (_, i) => ({ ...tile, id: `t${i}` }));
    const layout = (n: number): DashboardLayout => ({
      ...base,
      sections: [
        { id: "a", title: "A", collapsed: false, tiles: tiles(n - 10) },
        { id: "b", title: "B", collapsed: true, tiles: tiles(10) },
      ],
    });
    expect(leaves(dashboardJson(layout(MAX_LEAF_WIDGETS)))).toHaveLength(50);
    expect(() => dashboardJson(layout(60))).toThrow(/"checkout-api" has 60 widgets; the limit is 50/);
    expect(() => dashboardHcl(layout(60))).toThrow(/60 widgets/);
  });

  it("matches the reviewed http dashboard", async () => {
    const snapshot = path.join(import.meta.dirname, "__snapshots__", "dashboard-http.json");
    const options = { ...(await resolveConfig(snapshot)), filepath: snapshot };
    const text = await format(JSON.stringify(dashboardJson(serviceDashboard(services.http!))), options);
    await expect(text).toMatchFileSnapshot(snapshot);
  });
});

describe("filters and names", () => {
  it("renders each clause operator with JSON-quoted values", () => {
    const query: MetricQuery = {
      metricType: "run.googleapis.com/request_count",
      resourceType: "cloud_run_revision",
      filter: [
        { key: "resource.label.service_name", op: "=", value: 'a"b' },
        { key: 'metric.label."code"', op: "!=", value: "200" },
        { key: "resource.label.subscription_id", op: "regex", value: "x\\.y-.*" },
      ],
      aligner: "ALIGN_RATE",
      reducer: "REDUCE_SUM",
      groupBy: [],
      region: { label: REGION_LABEL },
    };
    expect(dashboardFilterString(query)).toBe(
      'metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision"' +
        ' AND resource.label.service_name="a\\"b" AND metric.label."code"!="200"' +
        ' AND resource.label.subscription_id=monitoring.regex.full_match("x\\\\.y-.*")',
    );
    const bad = { ...query, filter: [{ key: 'x" OR metric.type="y', op: "=" as const, value: "" }] };
    expect(() => dashboardFilterString(bad)).toThrow(/Invalid filter key/);
  });

  it("keeps HCL-hostile service and trigger names as inert literals", async () => {
    const hostile =
      'ev"il ${var.secret} %{ if true }x%{ endif } $${lit} %%{lit} %${a} $%{b} back\\slash\nline';
    const layout = serviceDashboard({ name: hostile, kind: "event-receiver", triggers: [hostile] });
    const json = await expectRoundTrip(layout);
    expect(json.displayName).toBe(`Cloud Event Receiver: ${hostile}`);
    expect(headers(json)[0]?.widget.title).toBe(`Events ${hostile}`);
    const pairs = queriesWithAggregations(layout, json);
    for (const { query, json: filter } of pairs) expect(filter.filter).toBe(dashboardFilterString(query));
    const filters = pairs.map((p) => p.json.filter as string);
    expect(filters).toContain(
      'metric.type="run.googleapis.com/request_count" AND resource.type="cloud_run_revision"' +
        ` AND resource.label.service_name=${JSON.stringify(hostile)}`,
    );
    const pattern = new RegExp(pairs[0]!.query.region.pattern!);
    expect(pattern.exec(`${hostile}-us-central1-x7k2`)?.[1]).toBe("us-central1");
    expect(dashboardResourceName(hostile)).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  it("reads a trigger's region from its own subscriptions only", () => {
    const [trigger] = serviceDashboard(services.receiver!).sections;
    const query = (trigger!.tiles[0]!.datasets[0] as { query: MetricQuery }).query;
    const pattern = new RegExp(query.region.pattern!);
    expect(pattern.exec("orders-created-europe-west10-x7k2")?.[1]).toBe("europe-west10");
    expect(pattern.test("orders-created-eu-us-central1-x7k2")).toBe(false);
    const dotted = serviceDashboard({ name: "s", kind: "event-receiver", triggers: ["a.b"] }).sections[0]!;
    const dottedQuery = (dotted.tiles[0]!.datasets[0] as { query: MetricQuery }).query;
    expect(new RegExp(dottedQuery.region.pattern!).test("axb-us-east1-x7k2")).toBe(false);
  });

  it("escapes template sequences so HCL reads them back unchanged", () => {
    expect(escapeHclTemplate("${a} %{b} $${c} %%{d} $ %")).toBe("$${a} %%{b} $$${c} %%%{d} $ %");
    expect(literalTemplate(escapeHclTemplate("$${c} %%{d} ${~e}"))).toBe("$${c} %%{d} ${~e}");
  });

  it("validates resource names and project references", () => {
    const layout = serviceDashboard(services.cron!);
    expect(dashboardResourceName("Checkout-API v2")).toBe("checkout_api_v2");
    expect(dashboardResourceName("9lives")).toBe("_9lives");
    expect(() => dashboardResourceName("---")).toThrow(/Cannot derive/);
    expect(dashboardHcl(layout, { resourceName: "nightly-export" })).toContain('"nightly-export" {');
    expect(() => dashboardHcl(layout, { resourceName: "1bad" })).toThrow(/Invalid Terraform resource name/);
    expect(() => dashboardHcl(layout, { resourceName: 'a" {' })).toThrow(/Invalid Terraform resource name/);
    expect(dashboardHcl(layout, { projectExpression: "local.project" })).toContain(
      "project        = local.project",
    );
    expect(() => dashboardHcl(layout, { projectExpression: '"${file("x")}"' })).toThrow(/Invalid project/);
  });

  it("strips defaulted keys at any depth without touching strings", () => {
    const input = {
      a: { collapsed: false, xPos: 0, yPos: 3, thresholds: [], groupByFields: [], dashboardFilters: [] },
      b: [{ crossSeriesReducer: "REDUCE_NONE", perSeriesAligner: "ALIGN_NONE", secondaryAggregation: null }],
      c: '"collapsed":false,"xPos":0',
    };
    expect(stripDefaults(input)).toEqual({ a: { yPos: 3 }, b: [{}], c: '"collapsed":false,"xPos":0' });
  });
});
