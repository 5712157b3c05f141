// SVG path data for series. A null value ends the current run: the line or area has a gap there.

type Coord = (index: number) => number;
const round = (n: number) => Math.round(n * 10) / 10;

/** Runs of consecutive non-null indexes. */
function runs(values: readonly (number | null)[]): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  values.forEach((v, i) => {
    if (v != null && start < 0) start = i;
    if (v == null && start >= 0) {
      found.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) found.push([start, values.length - 1]);
  return found;
}

/**
 * A polyline with gaps. A lone point between gaps becomes a zero-length segment, which a round
 * line cap draws as a dot.
 */
export function linePath(values: readonly (number | null)[], x: Coord, y: (v: number) => number): string {
  return runs(values)
    .map(([from, to]) => {
      const parts: string[] = [];
      for (let i = from; i <= to; i++) {
        parts.push(`${i === from ? "M" : "L"}${round(x(i))},${round(y(values[i] ?? 0))}`);
      }
      if (from === to) parts.push("h0.01");
      return parts.join("");
    })
    .join("");
}

/** A stacked layer: the top edge forward, the base edge back, closed; one shape per run. */
export function areaPath(
  base: readonly (number | null)[],
  top: readonly (number | null)[],
  x: Coord,
  y: (v: number) => number,
): string {
  return runs(top)
    .map(([from, to]) => {
      if (from === to) {
        // A lone point between gaps: a one-pixel column so it stays visible.
        const px = round(x(from));
        return `M${px - 0.5},${round(y(top[from] ?? 0))}H${px + 0.5}V${round(y(base[from] ?? 0))}H${px - 0.5}Z`;
      }
      const parts: string[] = [];
      for (let i = from; i <= to; i++)
        parts.push(`${i === from ? "M" : "L"}${round(x(i))},${round(y(top[i] ?? 0))}`);
      for (let i = to; i >= from; i--) parts.push(`L${round(x(i))},${round(y(base[i] ?? 0))}`);
      parts.push("Z");
      return parts.join("");
    })
    .join("");
}
