"use client";

import { createContext, useContext } from "react";
import type { Scale } from "./chart-scale";
import { ALL_REGIONS_COLOR, regionColor } from "./region-colors";

// Alert incidents and replays drawn on the charts under a provider (the Health tab): a shaded band
// from the start to the end (or the right edge while it still goes on) in the region's colour, with
// its name on hover; incidents are topped in red, replays in the accent colour.

export interface IncidentMarker {
  id: string;
  from: number;
  /** Null while it still fires. */
  to: number | null;
  region: string;
  label: string;
  kind?: "incident" | "replay";
}

const MarkersContext = createContext<readonly IncidentMarker[]>([]);

export const IncidentMarkersProvider = MarkersContext.Provider;

export function IncidentBands({
  x,
  height,
  from,
  to,
  hidden,
}: {
  x: Scale;
  height: number;
  from: number;
  to: number;
  hidden: ReadonlySet<string>;
}) {
  const markers = useContext(MarkersContext);
  const shown = markers.filter((m) => !hidden.has(m.region) && m.from < to && (m.to ?? to) > from);
  if (shown.length === 0) return null;
  return (
    <g data-incidents={shown.length} aria-hidden="true">
      {shown.map((m) => {
        const x0 = x(Math.max(from, m.from));
        const x1 = x(Math.min(to, m.to ?? to));
        const color = m.region === "all" ? ALL_REGIONS_COLOR : regionColor(m.region);
        return (
          <g key={m.id} {...(m.kind === "replay" ? { "data-replay": m.id } : { "data-incident": m.id })}>
            <title>{m.label}</title>
            <rect x={x0} y={0} width={Math.max(2, x1 - x0)} height={height} fill={color} opacity={0.1} />
            <rect
              x={x0}
              y={0}
              width={Math.max(2, x1 - x0)}
              height={3}
              fill={m.kind === "replay" ? "var(--accent)" : "var(--danger)"}
            />
          </g>
        );
      })}
    </g>
  );
}
