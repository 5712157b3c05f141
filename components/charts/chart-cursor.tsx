import { formatMetric, type MetricFormat } from "@/lib/dashboards/format-metric";
import type { ChartModel, ChartSeries } from "./chart-model";
import { formatInstant, nearestIndex, type Scale } from "./chart-scale";
import { useCursorTime } from "./cursor-context";

// The parts of a chart that follow the shared cursor. They subscribe to the cursor store on their
// own, so a pointer move re-renders these layers and not the series paths.

/** The model index under the cursor, or -1 when the cursor is elsewhere or off this chart's data. */
function useCursorIndex(model: ChartModel, maxDistance: number): { time: number | null; index: number } {
  const time = useCursorTime();
  if (time === null) return { time, index: -1 };
  const index = nearestIndex(model.times, time);
  const at = model.times[index];
  if (at === undefined || Math.abs(at - time) > maxDistance) return { time, index: -1 };
  return { time, index };
}

export function CursorLayer({
  model,
  x,
  y,
  height,
  from,
  to,
  stepMs,
}: {
  model: ChartModel;
  x: Scale;
  y: Scale;
  height: number;
  from: number;
  to: number;
  stepMs: number;
}) {
  const { time, index } = useCursorIndex(model, stepMs);
  if (time === null || time < from || time > to) return null;
  const px = x(model.times[index] ?? time);
  return (
    <g aria-hidden pointerEvents="none">
      <line x1={px} x2={px} y1={0} y2={height} className="stroke-border-strong" strokeWidth={1} />
      {index >= 0 &&
        model.series.map((s) => {
          const v = (s.top ?? s.values)[index];
          if (v == null) return null;
          return (
            <circle
              key={s.key}
              cx={px}
              cy={y(v)}
              r={s.isAll ? 4 : 3.5}
              fill={s.color}
              className="stroke-surface"
              strokeWidth={1}
            />
          );
        })}
    </g>
  );
}

export function ChartTooltip({
  model,
  format,
  x,
  left,
  top,
  width,
  stepMs,
}: {
  model: ChartModel;
  format: MetricFormat;
  x: Scale;
  /** Offset of the plot inside the chart box. */
  left: number;
  top: number;
  /** Width of the chart box, to flip the tooltip before it overflows. */
  width: number;
  stepMs: number;
}) {
  const { index } = useCursorIndex(model, stepMs);
  const time = model.times[index];
  if (index < 0 || time === undefined) return null;
  const value = (s: ChartSeries) => s.values[index] ?? null;
  const regional = model.series.filter((s) => !s.isAll);
  // Stacks list top layer first, as drawn; lines list the largest value first.
  const ordered = model.stacked
    ? regional.reverse()
    : regional.sort((a, b) => (value(b) ?? -Number.MAX_VALUE) - (value(a) ?? -Number.MAX_VALUE));
  const rows = [...model.series.filter((s) => s.isAll), ...ordered];
  const shown = rows.slice(0, 12);
  const px = left + x(time);
  const flip = px + 16 + 220 > width;
  return (
    <div
      aria-hidden
      className="pointer-events-none absolute z-10 w-max max-w-[15rem] rounded-md border border-border bg-surface/95 px-2.5 py-2 text-xs shadow-lg shadow-black/10 backdrop-blur-sm dark:border-border-strong"
      style={{ top, left: flip ? undefined : px + 12, right: flip ? width - px + 12 : undefined }}
    >
      <p className="mb-1 font-medium text-foreground">{formatInstant(time)}</p>
      <ul className="space-y-0.5">
        {shown.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <span
              className="h-0.5 w-3 shrink-0 rounded-full"
              style={{ backgroundColor: s.color, height: s.isAll ? 3 : 2 }}
            />
            <span className={s.isAll ? "truncate font-medium text-foreground" : "truncate text-muted"}>
              {s.label}
            </span>
            <span className="ml-auto pl-2 font-mono text-foreground tabular-nums">
              {formatMetric(value(s), format)}
            </span>
          </li>
        ))}
      </ul>
      {rows.length > shown.length && <p className="mt-1 text-muted">+{rows.length - shown.length} more</p>}
    </div>
  );
}
