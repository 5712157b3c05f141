import "server-only";
import type {
  MetricSample,
  Resolution,
  SeriesKey,
} from "@/server/integrations/embedded-metrics/write-samples";
import {
  completesExecution,
  hash,
  minuteState,
  mixture,
  rand,
  regionContext,
  type Degradation,
  type DemoService,
  type MinuteState,
} from "./demo-model";

// Turns the demo model into store samples for every metric the service dashboard asks for
// (lib/dashboards/service-layout.ts), one sample per series per step: 1-minute steps for recent
// time and the live writer, 10-minute roll-ups (aggregated from the ten minutes) for older time.

const MIN = 60_000;
const RUN = "run.googleapis.com";
const SUB = "pubsub.googleapis.com/subscription";

export function demoSamples(
  services: DemoService[],
  degradations: Degradation[],
  fromMs: number,
  toMs: number,
  resolution: Resolution,
): MetricSample[] {
  const out: MetricSample[] = [];
  const stepMs = resolution * 1000;
  for (const service of services) {
    for (const region of service.regions) {
      const ctx = regionContext(service, region, degradations);
      const keys = new KeyCache(service.name, region);
      const unackedSeeds = service.triggers.map((t) => hash(`unacked:${t}/${region}`));
      for (let start = Math.floor(fromMs / stepMs) * stepMs; start < toMs; start += stepMs) {
        const first = start / MIN;
        const minutes = Array.from({ length: resolution / 60 }, (_, i) => first + i);
        const emit = (series: SeriesKey, sample: Omit<MetricSample, "series" | "start" | "resolution">) =>
          out.push({ series, start, resolution, ...sample });
        if (service.kind === "cron") {
          cronSamples(service, region, minutes, ctx.degradations, keys, emit);
          continue;
        }
        const states = minutes.map((m) => minuteState(ctx, m));
        httpSamples(states, keys, emit);
        service.triggers.forEach((trigger, i) =>
          pushSamples(service, trigger, region, minutes, states, unackedSeeds[i]!, keys, emit),
        );
      }
    }
  }
  return out;
}

type Emit = (series: SeriesKey, sample: Omit<MetricSample, "series" | "start" | "resolution">) => void;

const SCOPE: Record<string, string | undefined> = {
  cloud_run_revision: "resource.label.service_name",
  cloud_run_job: "resource.label.job_name",
};

/** One SeriesKey object per series, made on first use, so the writer hashes each label set once. */
class KeyCache {
  private keys = new Map<string, SeriesKey>();
  constructor(
    private service: string,
    private region: string,
  ) {}

  /** `id` names the series within this service and region; `make` is only called the first time. */
  get(
    id: string,
    make: () => [
      metricType: string,
      kind: SeriesKey["kind"],
      labels: Record<string, string>,
      resourceType?: string,
    ],
  ): SeriesKey {
    let key = this.keys.get(id);
    if (!key) {
      const [metricType, kind, labels, resourceType = "cloud_run_revision"] = make();
      const scope = SCOPE[resourceType];
      key = {
        service: this.service,
        metricType,
        resourceType,
        region: this.region,
        kind,
        labels: scope ? { [scope]: this.service, ...labels } : labels,
      };
      this.keys.set(id, key);
    }
    return key;
  }
}

const total = (states: MinuteState[], f: (s: MinuteState) => number) =>
  states.reduce((sum, s) => sum + f(s), 0);

/** Log-normal parts for the healthy and the degraded minutes of a step. */
function parts(
  states: MinuteState[],
  count: (s: MinuteState) => number,
  median: (s: MinuteState) => number,
  sigma: (s: MinuteState) => number,
) {
  return [false, true].map((degraded) => {
    const group = states.filter((s) => (s.degradedFor !== null) === degraded);
    const n = total(group, count);
    return {
      count: n,
      median: n > 0 ? total(group, (s) => count(s) * median(s)) / n : 1,
      sigma: group[0] ? sigma(group[0]) : 1,
    };
  });
}

function httpSamples(states: MinuteState[], keys: KeyCache, emit: Emit) {
  const requests = (s: MinuteState) => s.rps * 60;
  const all = total(states, requests);
  const r5 = Math.round(total(states, (s) => requests(s) * s.err5));
  const r4 = Math.round(total(states, (s) => requests(s) * s.err4));
  const cls = (c: string) =>
    keys.get(`rc:${c}`, () => [`${RUN}/request_count`, "DELTA", { "metric.label.response_code_class": c }]);
  emit(cls("2xx"), { value: Math.max(0, Math.round(all) - r5 - r4) });
  emit(cls("4xx"), { value: r4 });
  emit(cls("5xx"), { value: r5 });
  emit(
    keys.get("latency", () => [`${RUN}/request_latencies`, "DISTRIBUTION", {}]),
    {
      distribution: mixture(
        parts(
          states,
          requests,
          (s) => s.latencyMedian,
          (s) => s.latencySigma,
        ),
      ),
    },
  );

  const revisions = new Map<string, { sum: number; count: number; max: number }>();
  const add = (revision: string, n: number) => {
    const r = revisions.get(revision) ?? { sum: 0, count: 0, max: 0 };
    revisions.set(revision, { sum: r.sum + n, count: r.count + 1, max: Math.max(r.max, n) });
  };
  for (const s of states) {
    add(s.revision, s.instances);
    if (s.draining) add(s.draining.revision, s.draining.instances);
  }
  for (const [revision, stats] of revisions)
    emit(
      keys.get(`instances:${revision}`, () => [
        `${RUN}/container/instance_count`,
        "GAUGE",
        { "resource.label.revision_name": revision },
      ]),
      {
        stats,
      },
    );

  const starts = parts(
    states,
    (s) => s.starts,
    (s) => (s.degradedFor !== null ? 1400 : 900),
    () => 0.35,
  );
  emit(
    keys.get("startup", () => [`${RUN}/container/startup_latencies`, "DISTRIBUTION", {}]),
    { distribution: mixture(starts) },
  );
  const instances = (s: MinuteState) => s.instances;
  emit(
    keys.get("cpu", () => [`${RUN}/container/cpu/utilizations`, "DISTRIBUTION", {}]),
    {
      distribution: mixture(
        parts(
          states,
          instances,
          (s) => s.cpu,
          () => 0.25,
        ),
      ),
    },
  );
  emit(
    keys.get("memory", () => [`${RUN}/container/memory/utilizations`, "DISTRIBUTION", {}]),
    {
      distribution: mixture(
        parts(
          states,
          instances,
          (s) => s.memory,
          () => 0.12,
        ),
      ),
    },
  );
}

function pushSamples(
  service: DemoService,
  trigger: string,
  region: string,
  minutes: number[],
  states: MinuteState[],
  seed: number,
  keys: KeyCache,
  emit: Emit,
) {
  // Event receivers are pushed every request they serve; other services get a tenth of theirs as events.
  const share = (service.kind === "http" ? 0.1 : 1) / Math.max(1, service.triggers.length);
  const pushes = (s: MinuteState) => s.rps * 60 * share;
  const sub = { "resource.label.subscription_id": `${trigger}-${region}-abcd` };
  const key = (metric: string, kind: SeriesKey["kind"], labels: Record<string, string> = {}) =>
    keys.get(`${trigger}:${metric}:${Object.values(labels).join()}`, () => [
      `${SUB}/${metric}`,
      kind,
      { ...sub, ...labels },
      "pubsub_subscription",
    ]);
  const failed = Math.round(total(states, (s) => pushes(s) * s.err5));
  emit(key("push_request_count", "DELTA", { "metric.label.response_class": "ack" }), {
    value: Math.max(0, Math.round(total(states, pushes)) - failed),
  });
  emit(key("push_request_count", "DELTA", { "metric.label.response_class": "remote_server_5xx" }), {
    value: failed,
  });
  emit(key("push_request_latencies", "DISTRIBUTION"), {
    distribution: mixture(
      parts(
        states,
        pushes,
        (s) => s.latencyMedian * 1.05,
        (s) => s.latencySigma,
      ),
    ),
  });
  const stats = (f: (s: MinuteState, m: number) => number) => {
    const values = states.map((s, i) => f(s, minutes[i]!));
    return { sum: values.reduce((a, b) => a + b, 0), count: values.length, max: Math.max(...values) };
  };
  // A failing receiver is retried: the backlog and its age grow for as long as it fails.
  emit(key("oldest_unacked_message_age", "GAUGE"), {
    stats: stats((s, m) => (s.degradedFor !== null ? 30 + 45 * s.degradedFor : 2 + 6 * rand(seed, m * 2))),
  });
  // Pushes that keep failing are dead-lettered once a degradation has lasted 5 minutes; 0 otherwise.
  emit(key("dead_letter_message_count", "DELTA"), {
    value: Math.round(
      total(states, (s) => (s.degradedFor !== null && s.degradedFor >= 5 ? pushes(s) * s.err5 * 0.1 : 0)),
    ),
  });
  emit(key("num_unacked_messages_by_region", "GAUGE"), {
    stats: stats((s, m) =>
      Math.round(
        s.degradedFor !== null
          ? (pushes(s) / 2) * (s.degradedFor + 1)
          : (pushes(s) / 60) * (3 + 4 * rand(seed, m * 2 + 1)),
      ),
    ),
  });
}

function cronSamples(
  service: DemoService,
  region: string,
  minutes: number[],
  degradations: Degradation[],
  keys: KeyCache,
  emit: Emit,
) {
  const seed = hash(`job:${service.name}/${region}`); // cheap: jobs are few
  let succeeded = 0;
  let failed = 0;
  for (const m of minutes) {
    if (!completesExecution(service.name, m)) continue;
    const degraded = degradations.some((d) => d.region === region && d.from <= m * MIN && m * MIN < d.until);
    if (degraded || rand(seed, m) < 0.04) failed++;
    else succeeded++;
  }
  const result = (r: string) =>
    keys.get(`job:${r}`, () => [
      `${RUN}/job/completed_execution_count`,
      "DELTA",
      { "metric.label.result": r },
      "cloud_run_job",
    ]);
  emit(result("succeeded"), { value: succeeded });
  emit(result("failed"), { value: failed });
}
