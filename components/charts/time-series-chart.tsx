"use client";

import { useMemo, useState, type PointerEvent } from "react";
import type { DashboardResponse, TileData } from "@/lib/dashboards/dashboard-response";
import { formatMetric, metricFormat, tickStepsFor } from "@/lib/dashboards/format-metric";
import { Thresholds, XAxis, YAxis } from "./chart-axes";
import { ChartTooltip, CursorLayer } from "./chart-cursor";
import { buildChartModel, type ChartModel } from "./chart-model";
import { linearScale, nearestIndex, niceTicks, timeTicks } from "./chart-scale";
import { SeriesPaths } from "./chart-series";
import { ChartTable } from "./chart-table";
import { useCursorStore } from "./cursor-context";
import { IncidentBands } from "./incident-markers";
import { useElementWidth } from "./use-element-width";

export interface TimeSeriesChartProps {
  tile: TileData;
  window: DashboardResponse["window"];
  /** Regions not to draw; ALL_REGIONS hides the combined series. Pass a stable Set. */
  hidden?: ReadonlySet<string>;
  /** Height of the whole chart in pixels. */
  height?: number;
  /** The width to draw before the ResizeObserver has measured (server rendering, tests). */
  initialWidth?: number;
  className?: string;
}

const noneHidden: ReadonlySet<string> = new Set();
const margin = { top: 10, right: 12, bottom: 22 };

const windowWords: Record<string, string> = {
  "1h": "last hour",
  "6h": "last 6 hours",
  "24h": "last 24 hours",
  "7d": "last 7 days",
};

/** "Request latency p95, 3 regions, last 6 hours". */
export function chartLabel(tile: TileData, model: ChartModel, window: DashboardResponse["window"]): string {
  const total = model.regions.length;
  const shown = new Set(model.series.filter((s) => !s.isAll).map((s) => s.region)).size;
  const regions =
    shown === total ? `${total} ${total === 1 ? "region" : "regions"}` : `${shown} of ${total} regions shown`;
  const when =
    (window.range && windowWords[window.range]) ||
    `${new Date(window.from).toISOString().slice(0, 16)} to ${new Date(window.to).toISOString().slice(0, 16)} UTC`;
  return `${tile.title}, ${regions}, ${when}`;
}

/**
 * One tile as an SVG chart: lines, stacked areas or stacked bars over time, one colour per region,
 * the combined series as a thick neutral line, dashed thresholds, and a cursor shared with every
 * chart under the same CursorProvider. Gaps in the data stay gaps.
 */
export function TimeSeriesChart({
  tile,
  window,
  hidden = noneHidden,
  height = 180,
  initialWidth = 0,
  className,
}: TimeSeriesChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(initialWidth);
  const cursor = useCursorStore();
  const [hovering, setHovering] = useState(false);
  const model = useMemo(() => buildChartModel(tile, hidden), [tile, hidden]);
  const format = useMemo(() => metricFormat(tile), [tile]);
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const stepMs = window.stepSeconds * 1000;

  const layout = useMemo(() => {
    const plotHeight = Math.max(40, height - margin.top - margin.bottom);
    // Thresholds within 3× the data join the range; higher ones are only named at the top edge.
    const near = tile.thresholds.filter((t) => model.max > 0 && t.value <= model.max * 3).map((t) => t.value);
    const { ticks, domain } = niceTicks(
      Number.isFinite(model.min) ? model.min : 0,
      Math.max(model.max, ...near),
      Math.max(2, Math.round(plotHeight / 45)),
      tickStepsFor(format),
    );
    // Room for the longest y label at ~6px a character (10px tabular figures).
    const longest = Math.max(...ticks.map((t) => formatMetric(t, format, true).length));
    const left = Math.min(84, Math.max(28, 10 + longest * 6));
    const plotWidth = Math.max(0, width - left - margin.right);
    return {
      left,
      plotWidth,
      plotHeight,
      ticks,
      domain,
      x: linearScale([from, to], [0, plotWidth]),
      y: linearScale(domain, [plotHeight, 0]),
      xTicks: timeTicks(from, to, Math.max(2, Math.floor(plotWidth / 90))),
    };
  }, [model, format, tile.thresholds, height, width, from, to]);

  const { left, plotWidth, plotHeight, x, y } = layout;
  const label = chartLabel(tile, model, window);
  const empty = model.max === -Infinity;

  function onPointerMove(event: PointerEvent<SVGRectElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const time = x.invert(event.clientX - box.left);
    const index = nearestIndex(model.times, time);
    const at = model.times[index];
    cursor.set(at ?? null);
  }

  return (
    <div ref={ref} className={className} style={{ position: "relative", minHeight: height }}>
      {width > 0 && (
        <svg
          role="img"
          aria-label={label}
          width={width}
          height={height}
          data-tile={tile.id}
          data-chart={tile.chart}
          className="block overflow-visible select-none"
        >
          <g transform={`translate(${left},${margin.top})`}>
            <YAxis ticks={layout.ticks} y={y} width={plotWidth} format={format} />
            <XAxis ticks={layout.xTicks} x={x} height={plotHeight} />
            <IncidentBands x={x} height={plotHeight} from={from} to={to} hidden={hidden} />
            <SeriesPaths model={model} kind={tile.chart} x={x} y={y} plotWidth={plotWidth} />
            <Thresholds
              thresholds={tile.thresholds}
              y={y}
              domain={layout.domain}
              width={plotWidth}
              format={format}
            />
            {empty && (
              <text
                x={plotWidth / 2}
                y={plotHeight / 2}
                textAnchor="middle"
                dy="0.32em"
                className="fill-muted text-xs"
              >
                No data in this window
              </text>
            )}
            <CursorLayer model={model} x={x} y={y} height={plotHeight} from={from} to={to} stepMs={stepMs} />
            <rect
              width={plotWidth}
              height={plotHeight}
              fill="transparent"
              style={{ touchAction: "pan-y" }}
              onPointerEnter={() => setHovering(true)}
              onPointerMove={onPointerMove}
              onPointerLeave={() => {
                setHovering(false);
                cursor.set(null);
              }}
            />
          </g>
        </svg>
      )}
      {hovering && width > 0 && (
        <ChartTooltip
          model={model}
          format={format}
          x={x}
          left={left}
          top={margin.top}
          width={width}
          stepMs={stepMs}
        />
      )}
      <ChartTable title={tile.title} model={model} format={format} />
    </div>
  );
}
