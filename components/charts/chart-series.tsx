import { memo } from "react";
import type { ChartModel, ChartSeries } from "./chart-model";
import { areaPath, linePath } from "./chart-paths";
import type { Scale } from "./chart-scale";

// The data of a chart as SVG paths. Every path carries data-region (and data-series), so a test
// can tell which regions are drawn.

type Props = {
  model: ChartModel;
  kind: "line" | "stacked-area" | "stacked-bar";
  x: Scale;
  y: Scale;
  plotWidth: number;
};

function barsPath(layer: ChartSeries, px: (i: number) => number, y: Scale, barWidth: number): string {
  const parts: string[] = [];
  layer.top?.forEach((top, i) => {
    const base = layer.base?.[i];
    if (top == null || base == null || top === base) return;
    const x0 = Math.round((px(i) - barWidth / 2) * 10) / 10;
    const y0 = Math.round(y(top) * 10) / 10;
    const h = Math.round((y(base) - y(top)) * 10) / 10;
    parts.push(`M${x0},${y0}h${barWidth}v${h}h${-barWidth}Z`);
  });
  return parts.join("");
}

function SeriesPathsImpl({ model, kind, x, y, plotWidth }: Props) {
  const px = (i: number) => x(model.times[i] ?? 0);
  const barWidth = Math.max(1, Math.round((plotWidth / Math.max(1, model.times.length)) * 0.7 * 10) / 10);
  const common = (s: ChartSeries) => ({ "data-region": s.region, "data-series": s.key });
  // The combined series is thick and neutral: under the region lines on a line chart (with "max" it
  // coincides with the worst region, which must stay visible), over the stack as its total.
  const combined = model.series
    .filter((s) => s.isAll)
    .map((s) => (
      <path
        key={s.key}
        {...common(s)}
        d={linePath(s.values, px, y)}
        fill="none"
        stroke={s.color}
        strokeOpacity={kind === "line" ? 0.55 : 0.9}
        strokeWidth={kind === "line" ? 3.5 : 2.25}
        strokeDasharray={s.dash}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    ));
  return (
    <g aria-hidden>
      {kind === "line" && combined}
      {model.series.map((s) => {
        if (s.isAll) return null;
        if (kind === "stacked-bar")
          return (
            <path
              key={s.key}
              {...common(s)}
              d={barsPath(s, px, y, barWidth)}
              fill={s.color}
              fillOpacity={0.75}
            />
          );
        if (kind === "stacked-area" && s.base && s.top)
          return (
            <g key={s.key}>
              <path
                {...common(s)}
                d={areaPath(s.base, s.top, px, y)}
                fill={s.color}
                fillOpacity={s.fillOpacity}
              />
              <path
                {...common(s)}
                d={linePath(s.top, px, y)}
                fill="none"
                stroke={s.color}
                strokeWidth={1.25}
                strokeLinejoin="round"
                strokeLinecap="round"
              />
            </g>
          );
        return (
          <path
            key={s.key}
            {...common(s)}
            d={linePath(s.values, px, y)}
            fill="none"
            stroke={s.color}
            strokeWidth={1.5}
            strokeDasharray={s.dash}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        );
      })}
      {kind !== "line" && combined}
    </g>
  );
}

/** Memoised: the cursor moving does not recompute paths. */
export const SeriesPaths = memo(SeriesPathsImpl);
