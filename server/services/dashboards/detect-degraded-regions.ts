import "server-only";

// The degraded rule of the region strip, kept pure: a region is degraded when its recent 5xx ratio
// or p95 latency is at least `factor` times the median of the other regions' values. The median
// is raised to a floor first, so that near-zero noise (0.02% against 0.001%) never flags.

/** A region's recent values; null when it has none. */
export interface RegionSignals {
  region: string;
  errorRatio: number | null;
  p95Ms: number | null;
}

export interface DegradedOptions {
  /** How many times the others' median a value must reach (inclusive). Default 3. */
  factor?: number;
  /** The smallest baseline for the 5xx ratio. Default 0.01 (1%). */
  errorRatioFloor?: number;
  /** The smallest baseline for p95 latency. Default 50 ms. */
  p95FloorMs?: number;
}

export interface DegradedVerdict {
  region: string;
  /** Why the region is degraded, in words; empty when it is not. */
  reasons: string[];
}

export const DEFAULT_DEGRADED_OPTIONS: Required<DegradedOptions> = {
  factor: 3,
  errorRatioFloor: 0.01,
  p95FloorMs: 50,
};

interface Signal {
  key: "errorRatio" | "p95Ms";
  name: string;
  floor: number;
  format: (value: number) => string;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const millis = (v: number) => (v >= 10 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`);

/** The median of the values; undefined for none. */
function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Products like 3 × 0.07 are not exact in binary; "exactly k×" must still count.
const EPSILON = 1e-9;

function reason(signal: Signal, value: number, others: number, factor: number): string | undefined {
  const baseline = Math.max(others, signal.floor);
  if (value < factor * baseline * (1 - EPSILON)) return undefined;
  const times = `${(value / baseline).toFixed(1)}×`;
  const what = `${signal.name} ${signal.format(value)} is ${times}`;
  return others >= signal.floor
    ? `${what} the median of the other regions (${signal.format(others)})`
    : `${what} the floor of ${signal.format(signal.floor)} (the median of the other regions is ${signal.format(others)})`;
}

/**
 * One verdict per region, in the order given. Regions without a value are neither judged nor part
 * of the others' median; a region with no other region to compare with is never degraded.
 */
export function detectDegradedRegions(
  regions: readonly RegionSignals[],
  options: DegradedOptions = {},
): DegradedVerdict[] {
  const { factor, errorRatioFloor, p95FloorMs } = { ...DEFAULT_DEGRADED_OPTIONS, ...options };
  const signals: Signal[] = [
    { key: "errorRatio", name: "5xx ratio", floor: errorRatioFloor, format: percent },
    { key: "p95Ms", name: "p95 latency", floor: p95FloorMs, format: millis },
  ];
  return regions.map((region) => {
    const reasons: string[] = [];
    for (const signal of signals) {
      const value = region[signal.key];
      if (value === null) continue;
      const others = median(
        regions
          .filter((r) => r !== region)
          .map((r) => r[signal.key])
          .filter((v): v is number => v !== null),
      );
      if (others === undefined) continue;
      const why = reason(signal, value, others, factor);
      if (why) reasons.push(why);
    }
    return { region: region.region, reasons };
  });
}
