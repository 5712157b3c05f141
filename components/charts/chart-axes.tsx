import type { Threshold } from "@/lib/dashboards/types";
import { formatMetric, type MetricFormat } from "@/lib/dashboards/format-metric";
import type { Scale } from "./chart-scale";

// Grid, axis labels and threshold lines: the static frame of a chart.

export function YAxis({
  ticks,
  y,
  width,
  format,
}: {
  ticks: number[];
  y: Scale;
  width: number;
  format: MetricFormat;
}) {
  return (
    <g aria-hidden>
      {ticks.map((t) => (
        <g key={t} transform={`translate(0,${Math.round(y(t)) + 0.5})`}>
          <line x2={width} className={t === 0 ? "stroke-border-strong" : "stroke-border"} strokeWidth={1} />
          <text x={-6} dy="0.32em" textAnchor="end" className="fill-muted text-[10px] tabular-nums">
            {formatMetric(t, format, true)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function XAxis({
  ticks,
  x,
  height,
}: {
  ticks: { value: number; label: string }[];
  x: Scale;
  height: number;
}) {
  return (
    <g aria-hidden transform={`translate(0,${height})`}>
      {ticks.map((t) => (
        <g key={t.value} transform={`translate(${Math.round(x(t.value)) + 0.5},0)`}>
          <line y2={4} className="stroke-border-strong" strokeWidth={1} />
          <text y={15} textAnchor="middle" className="fill-muted text-[10px] tabular-nums">
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * Dashed alert thresholds with their label. A threshold above the drawn range is named at the top
 * edge instead ("↑ failure-rate alert 20%"), so the data keeps the full height.
 */
export function Thresholds({
  thresholds,
  y,
  domain,
  width,
  format,
}: {
  thresholds: Threshold[];
  y: Scale;
  domain: [number, number];
  width: number;
  format: MetricFormat;
}) {
  let above = 0;
  return (
    <g aria-hidden pointerEvents="none">
      {thresholds.map((t) => {
        const text = `${t.label} ${formatMetric(t.value, format)}`;
        if (t.value > domain[1] || t.value < domain[0]) {
          const row = above++;
          return (
            <text
              key={`${t.label}-${t.value}`}
              x={width - 2}
              y={9 + row * 12}
              textAnchor="end"
              className="fill-muted text-[10px]"
            >
              {t.value > domain[1] ? "↑" : "↓"} {text}
            </text>
          );
        }
        const py = Math.round(y(t.value)) + 0.5;
        return (
          <g key={`${t.label}-${t.value}`} data-threshold={t.value}>
            <line
              x2={width}
              y1={py}
              y2={py}
              stroke="var(--danger)"
              strokeOpacity={0.85}
              strokeDasharray="5 4"
              strokeWidth={1.25}
            />
            <text
              x={width - 2}
              y={py - 4}
              textAnchor="end"
              fill="var(--danger)"
              stroke="var(--surface)"
              strokeWidth={3}
              paintOrder="stroke"
              className="text-[10px] font-medium"
            >
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}
