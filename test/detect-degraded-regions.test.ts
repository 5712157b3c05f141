import { describe, expect, it } from "vitest";
import {
  detectDegradedRegions,
  type RegionSignals,
} from "@/server/services/dashboards/detect-degraded-regions";

const region = (name: string, errorRatio: number | null, p95Ms: number | null = 100): RegionSignals => ({
  region: name,
  errorRatio,
  p95Ms,
});

const degraded = (regions: RegionSignals[], options = {}) =>
  detectDegradedRegions(regions, options)
    .filter((v) => v.reasons.length)
    .map((v) => v.region);

describe("detectDegradedRegions", () => {
  it("answers one verdict per region, in order", () => {
    const verdicts = detectDegradedRegions([region("a", 0.02), region("b", 0.02), region("c", 0.02)]);
    expect(verdicts).toEqual([
      { region: "a", reasons: [] },
      { region: "b", reasons: [] },
      { region: "c", reasons: [] },
    ]);
  });

  it("flags a 5xx ratio at exactly k× the median of the others, not below", () => {
    expect(degraded([region("a", 0.02), region("b", 0.02), region("c", 0.06)])).toEqual(["c"]);
    expect(degraded([region("a", 0.02), region("b", 0.02), region("c", 0.0599)])).toEqual([]);
    // 3 × 0.07 is 0.21000000000000002 in binary; 0.21 still counts as exactly 3×.
    expect(degraded([region("a", 0.07), region("b", 0.07), region("c", 0.21)])).toEqual(["c"]);
  });

  it("flags p95 latency at exactly k× the median of the others, not below", () => {
    const at = [region("a", 0, 200), region("b", 0, 200), region("c", 0, 600)];
    expect(degraded(at)).toEqual(["c"]);
    expect(degraded([region("a", 0, 200), region("b", 0, 200), region("c", 0, 599)])).toEqual([]);
  });

  it("takes k from the options", () => {
    const regions = [region("a", 0.02), region("b", 0.02), region("c", 0.05)];
    expect(degraded(regions)).toEqual([]);
    expect(degraded(regions, { factor: 2.5 })).toEqual(["c"]);
    expect(degraded(regions, { factor: 2.6 })).toEqual([]);
  });

  it("compares with the median of the others, so one bad region does not hide another", () => {
    // Others of c: 0.01, 0.01, 0.5 → median 0.01; c at 0.5 is 50×. Others of d: 0.01, 0.01, 0.5 too.
    const regions = [region("a", 0.01), region("b", 0.01), region("c", 0.5), region("d", 0.5)];
    expect(degraded(regions)).toEqual(["c", "d"]);
    // An even number of others averages the middle two: others of c are 0.01, 0.03 → 0.02.
    expect(degraded([region("a", 0.01), region("b", 0.03), region("c", 0.06)])).toEqual(["c"]);
    expect(degraded([region("a", 0.01), region("b", 0.03), region("c", 0.059)])).toEqual([]);
  });

  it("uses the floor when the others are at zero, so tiny noise never flags", () => {
    expect(degraded([region("a", 0), region("b", 0), region("c", 0.005)])).toEqual([]);
    expect(degraded([region("a", 0), region("b", 0), region("c", 0.0299)])).toEqual([]);
    expect(degraded([region("a", 0), region("b", 0), region("c", 0.03)])).toEqual(["c"]);
    expect(degraded([region("a", 0.0001), region("b", 0.0001), region("c", 0.001)])).toEqual([]);
    expect(degraded([region("a", 0, 0), region("b", 0, 0), region("c", 0, 149)])).toEqual([]);
    expect(degraded([region("a", 0, 10), region("b", 0, 10), region("c", 0, 150)])).toEqual(["c"]);
    expect(degraded([region("a", 0), region("b", 0), region("c", 0.02)], { errorRatioFloor: 0.005 })).toEqual(
      ["c"],
    );
  });

  it("ignores regions without data, and needs another region to compare with", () => {
    expect(degraded([region("a", null, null), region("b", 0.5, 5000)])).toEqual([]);
    expect(degraded([region("a", 0.5, 5000)])).toEqual([]);
    const verdicts = detectDegradedRegions([region("a", null, null), region("b", 0.01), region("c", 0.5)]);
    expect(verdicts.map((v) => v.reasons.length)).toEqual([0, 0, 1]);
    // The null region neither counts in c's median (0.01 alone) nor is judged itself.
    expect(verdicts[2]!.reasons[0]).toContain("median of the other regions (1.0%)");
  });

  it("judges the two signals independently", () => {
    const regions = [region("a", 0.01, 900), region("b", 0.01, 100), region("c", 0.01, 100)];
    expect(degraded(regions)).toEqual(["a"]);
    const both = detectDegradedRegions([
      region("a", 0.2, 900),
      region("b", 0.01, 100),
      region("c", 0.01, 100),
    ]);
    expect(both[0]!.reasons).toHaveLength(2);
  });

  it("says why in words", () => {
    const [, , c] = detectDegradedRegions([
      region("us-central1", 0.02, 180),
      region("us-east4", 0.02, 220),
      region("europe-west1", 0.122, 850),
    ]);
    expect(c!.reasons).toEqual([
      "5xx ratio 12.2% is 6.1× the median of the other regions (2.0%)",
      "p95 latency 850 ms is 4.3× the median of the other regions (200 ms)",
    ]);
    const [, , floor] = detectDegradedRegions([region("a", 0), region("b", 0), region("c", 0.04)]);
    expect(floor!.reasons).toEqual([
      "5xx ratio 4.0% is 4.0× the floor of 1.0% (the median of the other regions is 0.0%)",
    ]);
  });
});
