import "server-only";

// The store's one bucket layout for every distribution: fixed exponential bounds, 20 % apart, from
// 0.001 to about 1.1e7 (fractions such as CPU utilisation and milliseconds alike). Bucket 0 is
// everything below BOUNDS[0], bucket i is [BOUNDS[i-1], BOUNDS[i]), the last is BOUNDS[last] and
// above. Percentiles interpolate linearly inside a bucket, so they are off by less than a bucket (20 %).

const GROWTH = 1.2;
const FIRST = 0.001;
export const BOUND_COUNT = 128;
export const BOUNDS: readonly number[] = Array.from({ length: BOUND_COUNT }, (_, i) => FIRST * GROWTH ** i);
/** Number of buckets: one more than bounds. */
export const BUCKET_COUNT = BOUND_COUNT + 1;

/** Trimmed bucket counts: counts[i] belongs to bucket offset + i. */
export interface Buckets {
  offset: number;
  counts: number[];
}

export function bucketIndex(value: number): number {
  if (!(value >= FIRST)) return 0;
  // log can land a hair off an exact bound; correct by one either way.
  let i = Math.floor(Math.log(value / FIRST) / Math.log(GROWTH)) + 1;
  if (i > BOUND_COUNT) i = BOUND_COUNT;
  while (i > 0 && value < BOUNDS[i - 1]!) i--;
  while (i < BOUND_COUNT && value >= BOUNDS[i]!) i++;
  return i;
}

/** Lower and upper edge of a bucket (the first starts at 0, the last has no upper edge). */
export function bucketRange(index: number): [number, number] {
  const lower = index === 0 ? 0 : BOUNDS[index - 1]!;
  const upper = index >= BOUND_COUNT ? lower : BOUNDS[index]!;
  return [lower, upper];
}

/** Drops leading and trailing empty buckets from a dense array of BUCKET_COUNT counts. */
export function trim(dense: number[]): Buckets {
  let lo = 0;
  let hi = dense.length - 1;
  while (lo <= hi && !(dense[lo]! > 0)) lo++;
  while (hi >= lo && !(dense[hi]! > 0)) hi--;
  return lo > hi ? { offset: 0, counts: [] } : { offset: lo, counts: dense.slice(lo, hi + 1) };
}

/** Adds trimmed buckets into a dense array of BUCKET_COUNT counts. */
export function addInto(dense: number[], buckets: Buckets, scale = 1): number[] {
  buckets.counts.forEach((n, i) => {
    const at = buckets.offset + i;
    if (at >= 0 && at < dense.length) dense[at]! += n * scale;
  });
  return dense;
}

export const emptyDense = (): number[] => new Array<number>(BUCKET_COUNT).fill(0);

/**
 * Re-buckets a histogram with its own explicit bounds (OTLP: counts.length = bounds.length + 1)
 * onto the store's bounds, spreading each source bucket's count evenly over its range. The open
 * first and last source buckets are taken as [min ?? 0, bounds[0]] and [last bound, max ?? last bound].
 */
export function rebucket(bounds: number[], counts: number[], min?: number, max?: number): Buckets {
  const dense = emptyDense();
  counts.forEach((count, i) => {
    if (!(count > 0)) return;
    const lo = i === 0 ? Math.min(min ?? 0, bounds[0] ?? 0) : bounds[i - 1]!;
    const hi = i === bounds.length ? Math.max(max ?? lo, lo) : bounds[i]!;
    spread(dense, Math.max(lo, 0), Math.max(hi, 0), count);
  });
  return trim(dense);
}

function spread(dense: number[], lo: number, hi: number, count: number) {
  if (hi <= lo) {
    dense[bucketIndex(lo)]! += count;
    return;
  }
  for (let b = bucketIndex(lo); b <= bucketIndex(hi) && b < BUCKET_COUNT; b++) {
    const [bl, bu] = bucketRange(b);
    const upper = b >= BOUND_COUNT ? Infinity : bu;
    const overlap = Math.min(hi, upper) - Math.max(lo, bl);
    if (overlap > 0) dense[b]! += (count * overlap) / (hi - lo);
  }
}

/** The q-quantile (0..1) of merged bucket counts, interpolating linearly inside the bucket; null when empty. */
export function quantile(counts: ReadonlyMap<number, number> | readonly number[], q: number): number | null {
  // Dense arrays (one per chart step) are walked in place; maps are sorted into one first.
  const dense: readonly number[] = Array.isArray(counts)
    ? counts
    : denseOf(counts as ReadonlyMap<number, number>);
  let total = 0;
  for (const n of dense) if (n > 0) total += n;
  if (!(total > 0)) return null;
  const rank = q * total;
  let seen = 0;
  let last = -1;
  for (let index = 0; index < dense.length; index++) {
    const n = dense[index]!;
    if (!(n > 0)) continue;
    if (seen + n >= rank) {
      const [lower, upper] = bucketRange(index);
      return lower + (upper - lower) * Math.min(1, Math.max(0, (rank - seen) / n));
    }
    seen += n;
    last = index;
  }
  return bucketRange(last)[1];
}

function denseOf(counts: ReadonlyMap<number, number>): number[] {
  const dense = emptyDense();
  for (const [index, n] of counts) if (index >= 0 && index < dense.length) dense[index] = n;
  return dense;
}

/** Expected counts of `count` observations of a log-normal distribution (median, sigma of ln). */
export function logNormalBuckets(count: number, median: number, sigma: number): Buckets {
  // Only the buckets within 4 sigma (all but 0.006 %) hold anything worth keeping.
  const first = bucketIndex(median * Math.exp(-4 * sigma));
  const last = bucketIndex(median * Math.exp(4 * sigma));
  const mu = Math.log(median);
  const counts: number[] = [];
  let previous = first === 0 ? 0 : normalCdf((Math.log(BOUNDS[first - 1]!) - mu) / sigma);
  for (let b = first; b <= last; b++) {
    const cdf = b >= BOUND_COUNT ? 1 : normalCdf((Math.log(BOUNDS[b]!) - mu) / sigma);
    counts.push(Math.max(0, count * (cdf - previous)));
    previous = cdf;
  }
  // Buckets expected to hold less than a thousandth of an observation are noise: drop them.
  const dense = emptyDense();
  counts.forEach((n, i) => (dense[first + i] = n >= Math.max(1e-3, count * 1e-6) ? n : 0));
  return trim(dense);
}

/** Mean of a log-normal distribution with this median and sigma. */
export const logNormalMean = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);

function normalCdf(z: number): number {
  // Abramowitz and Stegun 7.1.26 on erf, good to 1.5e-7.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
