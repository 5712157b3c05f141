// Scales and ticks for the SVG charts: linear y with "nice" ticks, UTC time on x.

export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
}

/** Maps [d0, d1] onto [r0, r1] linearly; a zero-width domain maps to r0. */
export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = (value: number) => r0 + (value - d0) * k;
  scale.invert = (pixel: number) => (k === 0 ? d0 : d0 + (pixel - r0) / k);
  return scale;
}

/** The smallest "nice" step (1, 2, 2.5, 5 × 10ⁿ, or one of `candidates`) at least `rough`. */
function niceStep(rough: number, candidates?: number[]): number {
  if (candidates) {
    const found = candidates.find((c) => c >= rough);
    if (found !== undefined) return found;
    const last = candidates[candidates.length - 1] ?? 1;
    return last * niceStep(rough / last);
  }
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Round ticks covering [min, max] with about `count` intervals. The domain widens to the outer ticks.
 * An empty or flat range becomes [0, 1] (or [0, 2 × value]).
 */
export function niceTicks(
  min: number,
  max: number,
  count: number,
  candidates?: number[],
): { ticks: number[]; domain: [number, number] } {
  let lo = Math.min(min, 0);
  let hi = max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) {
    lo = Math.min(lo, 0) || 0;
    hi = hi > 0 && Number.isFinite(hi) ? hi * 2 : lo + 1;
  }
  const step = niceStep((hi - lo) / Math.max(1, count), candidates);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, domain: [start, end] };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const timeSteps = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE];
timeSteps.push(HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY);

const hourMinute = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Time ticks on UTC boundaries (every 10 min, 1 h, 1 day …), about `count` of them. */
export function timeTicks(from: number, to: number, count: number): { value: number; label: string }[] {
  const span = Math.max(MINUTE, to - from);
  const step = timeSteps.find((s) => s >= span / Math.max(1, count)) ?? 7 * DAY;
  const ticks: { value: number; label: string }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const midnight = t % DAY === 0;
    const label = step >= DAY || (midnight && span > DAY) ? dayMonth.format(t) : hourMinute.format(t);
    ticks.push({ value: t, label });
  }
  return ticks;
}

const tooltipTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "15 Jan, 11:42 UTC": the time in a tooltip. */
export const formatInstant = (ms: number) => `${tooltipTime.format(ms)} UTC`;

/** The index of the point nearest to `time` in ascending `times` (binary search); -1 if empty. */
export function nearestIndex(times: readonly number[], time: number): number {
  if (times.length === 0) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) <= time) lo = mid;
    else hi = mid;
  }
  const a = times[lo] ?? 0;
  const b = times[hi] ?? 0;
  return Math.abs(time - a) <= Math.abs(b - time) ? lo : hi;
}
