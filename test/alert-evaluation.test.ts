import { describe, expect, it } from "vitest";
import { servicePolicies, type ThresholdOverrides } from "@/lib/alerts/policies";
import type { AlertPolicy } from "@/lib/alerts/types";
import type { LayoutService } from "@/lib/dashboards/service-layout";
import type { MetricQuery } from "@/lib/dashboards/types";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { evaluatePolicies } from "@/server/services/alerts/evaluate-policies";

// Each portal policy on synthetic series: the minute it starts firing, the minute it recovers, and
// that missing data is "no data", never "ok". A value stamped at minute m covers the minute before m;
// evaluating "at minute m" means the newest step evaluated ends at m (the evaluator lags one minute).

const T0 = Date.UTC(2026, 0, 5, 0, 0);
const MIN = 60_000;
const US = "us-central1";
const EU = "europe-west1";

type What = "total" | "5xx" | "errors" | "p99" | "unacked" | "dead" | "succeeded";
type Fn = (what: What, region: string, minute: number) => number | null;

function what(query: MetricQuery): What {
  const t = query.metricType;
  if (t.endsWith("/request_count")) {
    const f = query.filter.find((c) => c.key === "metric.label.response_code_class");
    return f === undefined ? "total" : f.op === "regex" ? "errors" : "5xx";
  }
  if (t.endsWith("/request_latencies")) return "p99";
  if (t.endsWith("/num_unacked_messages_by_region")) return "unacked";
  if (t.endsWith("/dead_letter_message_count")) return "dead";
  if (t.endsWith("/completed_execution_count")) return "succeeded";
  throw new Error(`unexpected query ${t}`);
}

/** A MetricsSource answering every region of every step from `fn`; null values are left out. */
function source(fn: Fn, regions = [US, EU], fail?: What): MetricsSource {
  return {
    kind: "embedded",
    async listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
      const w = what(query);
      if (w === fail) throw new Error("Cloud Monitoring: UNAVAILABLE: try again");
      const step = window.stepSeconds * 1000;
      return regions.flatMap((region) => {
        const points: [number, number | null][] = [];
        for (let t = window.from.getTime() + step; t <= window.to.getTime(); t += step) {
          const v = fn(w, region, (t - T0) / MIN);
          if (v !== null) points.push([t, v]);
        }
        return points.length ? [{ region, labels: {}, points }] : [];
      });
    },
  };
}

const http: LayoutService = { name: "checkout-api", kind: "http", triggers: ["orders"] };
const cron: LayoutService = { name: "warehouse-sync", kind: "cron", triggers: [] };

async function judge(
  service: LayoutService,
  policyId: string,
  fn: Fn,
  minute: number,
  overrides: ThresholdOverrides = {},
  regions = [US, EU],
) {
  const policy = servicePolicies(service, overrides).find((p) => p.id === policyId) as AlertPolicy;
  // Evaluated at 61 s past the minute after `minute`: the newest complete step ends at `minute`.
  const now = T0 + (minute + 1) * MIN + 1_000;
  const [evaluation] = await evaluatePolicies(source(fn, regions), [policy], [US, EU], now);
  const j = (region: string) => evaluation!.judgements.get(region)!;
  return { us: j(US), eu: j(EU), all: j("all"), evaluation: evaluation! };
}

/** The state in `region` at each minute of `minutes`. */
async function states(
  service: LayoutService,
  id: string,
  fn: Fn,
  minutes: number[],
  region: "us" | "eu" | "all" = "us",
  overrides: ThresholdOverrides = {},
) {
  const out: Record<number, string> = {};
  for (const m of minutes) out[m] = (await judge(service, id, fn, m, overrides))[region].state;
  return out;
}

const between = (m: number, from: number, to: number) => m >= from && m < to;

describe("5xx failure ratio > 0.2 for 120 s", () => {
  // US answers 30 % 5xx during minutes 100-109; EU stays at 5 %.
  const fn: Fn = (w, region, m) => {
    if (w === "total") return 10;
    if (w === "5xx") return region === US ? (between(m, 100, 110) ? 3 : 1) : 0.5;
    return null;
  };

  it("fires after two minutes above, in that region only, and recovers on the first minute below", async () => {
    expect(await states(http, "http-5xx-ratio", fn, [99, 100, 101, 109, 110])).toEqual({
      99: "ok",
      100: "ok",
      101: "firing",
      109: "firing",
      110: "ok",
    });
    const at = await judge(http, "http-5xx-ratio", fn, 105);
    expect(at.us).toMatchObject({ state: "firing", since: T0 + 101 * MIN, sinceAtLeast: false });
    // Ok over all the history read: it has been ok since that far back or longer.
    expect((await judge(http, "http-5xx-ratio", fn, 99)).eu).toMatchObject({
      state: "ok",
      sinceAtLeast: true,
    });
    expect(at.us.value).toBeCloseTo(0.3);
    expect(at.us.peak).toBeCloseTo(0.3);
    expect(at.eu.state).toBe("ok");
    // All regions: 3.5 of 20 requests failed, 0.175.
    expect(at.all.state).toBe("ok");
    expect(at.all.value).toBeCloseTo(0.175);
    expect((await judge(http, "http-5xx-ratio", fn, 112)).us).toMatchObject({
      state: "ok",
      since: T0 + 110 * MIN,
    });
  });

  it("follows a per-service threshold", async () => {
    const lower = await judge(http, "http-5xx-ratio", fn, 99, { "http-5xx-ratio": 0.08 });
    expect(lower.us.state).toBe("firing");
    expect(lower.eu.state).toBe("ok");
  });
});

describe("error rate (4xx and 5xx) > 0.25 for 300 s", () => {
  const fn: Fn = (w, _r, m) =>
    w === "total" ? 10 : w === "errors" ? (between(m, 100, 120) ? 3 : 0.2) : null;
  it("fires after five minutes above and recovers", async () => {
    expect(await states(http, "http-error-rate", fn, [103, 104, 119, 120])).toEqual({
      103: "ok",
      104: "firing",
      119: "firing",
      120: "ok",
    });
  });
});

describe("p99 latency above the service's threshold for 300 s", () => {
  const fn: Fn = (w, region, m) =>
    w === "p99" ? (region === US && between(m, 100, 110) ? 1500 : 200) : null;
  it("fires per region and for all regions (the slowest region), and recovers", async () => {
    expect(await states(http, "latency-p99", fn, [103, 104, 109, 110])).toEqual({
      103: "ok",
      104: "firing",
      109: "firing",
      110: "ok",
    });
    const at = await judge(http, "latency-p99", fn, 106);
    expect([at.us.state, at.eu.state, at.all.state]).toEqual(["firing", "ok", "firing"]);
    expect(at.all.value).toBe(1500);
    expect((await judge(http, "latency-p99", fn, 106, { "latency-p99": 2000 })).us.state).toBe("ok");
  });
});

describe("unacked messages > 50,000 (mean over 5 minutes)", () => {
  const fn: Fn = (w, region, m) =>
    w === "unacked" ? (region === US && between(m, 100, 110) ? 60_000 : 100) : null;
  it("fires when the 5-minute mean passes the threshold and recovers when it falls below", async () => {
    // Minute 103: (100 + 4 × 60,000) / 5 = 48,020; minute 104: 60,000. Minute 110: 4 of 5 high, 48,020.
    expect(await states(http, "unacked-orders", fn, [103, 104, 109, 110])).toEqual({
      103: "ok",
      104: "firing",
      109: "firing",
      110: "ok",
    });
  });
});

describe("dead-lettered events > 0 (sum over 5 minutes)", () => {
  const fn: Fn = (w, region, m) => (w === "dead" ? (region === EU && m === 100 ? 2 : 0) : null);
  it("fires on one dead-lettered event and recovers five minutes later", async () => {
    expect(await states(http, "dead-letter-orders", fn, [99, 100, 104, 105], "eu")).toEqual({
      99: "ok",
      100: "firing",
      104: "firing",
      105: "ok",
    });
    expect((await judge(http, "dead-letter-orders", fn, 102)).us.state).toBe("ok");
  });
});

describe("SLO burn rate, 99.9 % availability", () => {
  // 5 % of requests fail in US from minute 100 to 129 (50× the error budget).
  const fn: Fn = (w, region, m) =>
    w === "total" ? 10 : w === "5xx" ? (region === US && between(m, 100, 130) ? 0.5 : 0) : null;

  it("1 h / 5 min at 14.4×: fires when both windows burn faster, recovers when the short one stops", async () => {
    // Long window: 18 bad minutes of 60 make 15× (17 make 14.2×). Short window: 1 bad minute of 5 is 10×.
    expect(await states(http, "slo-burn-fast", fn, [116, 117, 132, 133], "us", {})).toEqual({
      116: "ok",
      117: "firing",
      132: "firing",
      133: "ok",
    });
    const at = await judge(http, "slo-burn-fast", fn, 120);
    expect(at.us.value).toBeCloseTo(Math.min((21 * 0.5) / 600, 0.5 / 10) / 0.001);
    // All regions: half the traffic is healthy, so the burn is halved.
    expect(at.all.value).toBeCloseTo(at.us.value! / 2);
  });

  it("6 h / 30 min at 6×: a steady 2 % error ratio fires, 0.4 % does not", async () => {
    const steady =
      (share: number): Fn =>
      (w) =>
        w === "total" ? 10 : w === "5xx" ? 10 * share : null;
    expect((await judge(http, "slo-burn-slow", steady(0.02), 500)).us.state).toBe("firing");
    expect((await judge(http, "slo-burn-slow", steady(0.004), 500)).us.state).toBe("ok");
  });
});

describe("cron success absent for the alignment period", () => {
  // Runs succeed in US at minutes 100 and 140; every other minute reports 0 successes. EU reports nothing.
  const fn: Fn = (w, region, m) =>
    w === "succeeded" && region === US ? (m === 100 || m === 140 ? 1 : 0) : null;
  const half = { "cron-success-absent": 1800 };

  it("fires once no run succeeded for the period and recovers on the next success", async () => {
    expect(await states(cron, "cron-success-absent", fn, [100, 130, 131, 139, 140], "us", half)).toEqual({
      100: "ok",
      130: "ok",
      131: "firing",
      139: "firing",
      140: "ok",
    });
    const at = await judge(cron, "cron-success-absent", fn, 135, half);
    expect(at.us).toMatchObject({ state: "firing", value: 35 * 60, since: T0 + 131 * MIN });
    // A region where nothing ever succeeded is firing, as Cloud Monitoring's absence condition is.
    expect(at.eu.state).toBe("firing");
  });

  it("reads 10-minute steps for the default 24 hours", async () => {
    const [policy] = servicePolicies(cron);
    expect(policy).toMatchObject({ threshold: 86_400, stepSeconds: 600 });
    const daily: Fn = (w, region, m) =>
      w === "succeeded" && region === US ? (m % 1440 === 120 ? 1 : 0) : null;
    const at = await judge(cron, "cron-success-absent", daily, 3 * 1440 + 600);
    expect(at.us.state).toBe("ok");
    expect(at.us.value).toBe(480 * 60);
  });
});

describe("no data is not ok", () => {
  it("a region without series, and a policy whose read fails, have no data", async () => {
    const onlyUs: Fn = (w, region) => (w === "p99" && region === US ? 100 : null);
    const at = await judge(http, "latency-p99", onlyUs, 200);
    expect(at.us.state).toBe("ok");
    expect(at.eu).toMatchObject({ state: "no_data", value: null });

    const noTraffic: Fn = (w, region) => (w === "total" ? (region === US ? 10 : 0) : w === "5xx" ? 0 : null);
    expect((await judge(http, "http-5xx-ratio", noTraffic, 200)).eu.state).toBe("no_data");

    const policy = servicePolicies(http).find((p) => p.id === "latency-p99")!;
    const [failed] = await evaluatePolicies(
      source(onlyUs, [US, EU], "p99"),
      [policy],
      [US, EU],
      T0 + 200 * MIN,
    );
    expect(failed!.values.error).toMatch(/UNAVAILABLE/);
    expect([...failed!.judgements.values()].map((j) => j.state)).toEqual(["no_data", "no_data", "no_data"]);
  });

  it("data that stops shows as no data from the first missing minute", async () => {
    const stops: Fn = (w, _r, m) => (w === "p99" && m < 150 ? 3000 : null);
    expect((await judge(http, "latency-p99", stops, 149)).us.state).toBe("firing");
    expect((await judge(http, "latency-p99", stops, 151)).us).toMatchObject({
      state: "no_data",
      since: T0 + 150 * MIN,
    });
  });
});

describe("reads", () => {
  it("reads each distinct query once per evaluation of all of a service's policies", async () => {
    const calls: string[] = [];
    const counting: MetricsSource = {
      kind: "embedded",
      async listTimeSeries(query, window) {
        calls.push(`${query.metricType}|${JSON.stringify(query.filter)}|${window.stepSeconds}`);
        return [];
      },
    };
    const policies = servicePolicies(http);
    await evaluatePolicies(counting, policies, [US, EU], T0 + 1000 * MIN);
    expect(new Set(calls).size).toBe(calls.length);
    // 5xx, all requests, 4xx-or-5xx, p99 latency, unacked, dead-lettered: 6 reads for 7 policies.
    expect(policies).toHaveLength(7);
    expect(calls).toHaveLength(6);
  });
});
