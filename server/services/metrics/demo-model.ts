import "server-only";
import type { ServiceKind } from "@/lib/catalog";
import {
  addInto,
  emptyDense,
  logNormalBuckets,
  trim,
} from "@/server/integrations/embedded-metrics/histogram";

// The demo fleet's behaviour, minute by minute, as pure functions of (service, region, minute):
// deterministic, so a backfill and the live writer agree and a test can explain every number.
//   * traffic follows the UTC day (quietest 04:00, busiest 16:00; weekends at 75 %), with noise;
//   * each service-region has a short 5xx burst (2-3 minutes, 4-10 %) in about 8 % of hours;
//   * in every 12-hour slot (UTC 00:00 and 12:00), a service degrades in one of its regions with
//     probability 60 %: for 20 minutes 6-12 % of requests fail and latency is ~2.5× (p95 ~3.5×).
//     scheduledDegradations() lists them; forced ones (POST /api/demo/degradation) look the same.

export interface DemoService {
  name: string;
  kind: ServiceKind;
  regions: string[];
  /** Trigger names; each has one subscription per region, `<trigger>-<region>-abcd`. */
  triggers: string[];
  minInstances: number;
}

export interface Degradation {
  service: string;
  region: string;
  from: number;
  until: number;
  cause: "scheduled" | "forced";
}

export const DEGRADATION_MINUTES = 20;
const MIN = 60_000;
const SLOT = 12 * 3600_000;
const DAY_MINUTES = 1440;

export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A uniform number in [0, 1) for (seed, n): the same every time. */
export function rand(seed: number, n: number): number {
  let x = Math.imul(seed ^ Math.imul(n | 0, 0x9e3779b1), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

/** The seeded degradations of a service that overlap [fromMs, toMs). */
export function scheduledDegradations(
  service: Pick<DemoService, "name" | "regions">,
  fromMs: number,
  toMs: number,
): Degradation[] {
  const seed = hash(`degrade:${service.name}`);
  const out: Degradation[] = [];
  if (service.regions.length === 0) return out;
  for (let slot = Math.floor(fromMs / SLOT) - 1; slot <= Math.floor(toMs / SLOT); slot++) {
    if (rand(seed, slot * 4) >= 0.6) continue;
    const region = service.regions[Math.floor(rand(seed, slot * 4 + 1) * service.regions.length)]!;
    const from =
      slot * SLOT + Math.floor(rand(seed, slot * 4 + 2) * (SLOT / MIN - DEGRADATION_MINUTES)) * MIN;
    const until = from + DEGRADATION_MINUTES * MIN;
    if (until > fromMs && from < toMs)
      out.push({ service: service.name, region, from, until, cause: "scheduled" });
  }
  return out;
}

const REGION_WEIGHT: Record<string, number> = {
  "us-central1": 1,
  "us-east4": 0.65,
  "europe-west1": 0.8,
  "asia-northeast1": 0.45,
};
const REGION_LATENCY: Record<string, number> = { "europe-west1": 1.05, "asia-northeast1": 1.15 };

export interface Profile {
  /** Requests per second at the daily peak in a region of weight 1. */
  rps: number;
  latencyMs: number;
  err5: number;
  err4: number;
  cpu: number;
  memory: number;
}

export function profile(service: DemoService): Profile {
  const seed = hash(`profile:${service.name}`);
  const r = (i: number) => rand(seed, i);
  const http = service.kind === "http";
  return {
    rps: http ? 8 + 40 * r(1) : 0.5 + 4 * r(1),
    latencyMs: http ? 25 + 90 * r(2) : 60 + 200 * r(2),
    err5: 0.001 + 0.004 * r(3),
    err4: http ? 0.01 + 0.03 * r(4) : 0.002,
    cpu: 0.15 + 0.2 * r(5),
    memory: 0.3 + 0.25 * r(6),
  };
}

/** How busy the fleet is at `ms`: 0.3 at 04:00 UTC, 1 at 16:00 UTC, weekends at 75 %. */
export function dailyShape(ms: number): number {
  const hour = (ms / 3600_000) % 24;
  const day = (Math.floor(ms / 86_400_000) + 4) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  const shape = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
  return day === 0 || day === 6 ? shape * 0.75 : shape;
}

export interface MinuteState {
  rps: number;
  err5: number;
  err4: number;
  latencyMedian: number;
  latencySigma: number;
  /** Minutes since the degradation began, or null when healthy. */
  degradedFor: number | null;
  cpu: number;
  memory: number;
  instances: number;
  /** Instances started this minute (fractional: an expectation). */
  starts: number;
  revision: string;
  /** The previous revision and its remaining instances for five minutes after a deploy. */
  draining: { revision: string; instances: number } | null;
}

/** Minutes between deploys: every three days, at a seeded time of day. */
const DEPLOY_PERIOD = 3 * DAY_MINUTES;

/** What minuteState needs about one service in one region, computed once. */
export interface RegionContext {
  service: DemoService;
  profile: Profile;
  region: string;
  degradations: Degradation[];
  seed: number;
  burstSeed: number;
  deployOffset: number;
  revisions: Map<number, string>;
}

export function regionContext(
  service: DemoService,
  region: string,
  degradations: Degradation[],
): RegionContext {
  return {
    service,
    profile: profile(service),
    region,
    degradations: degradations.filter((d) => d.service === service.name && d.region === region),
    seed: hash(`${service.name}/${region}`),
    burstSeed: hash(`burst:${service.name}/${region}`),
    deployOffset: Math.floor(rand(hash(`deploy:${service.name}`), 0) * DEPLOY_PERIOD),
    revisions: new Map(),
  };
}

/** The state of one service in one region during minute `m` (epoch minutes). */
export function minuteState(ctx: RegionContext, m: number): MinuteState {
  const { service, profile: p, region, seed } = ctx;
  const t = m * MIN;
  const noise = (k: number, amount: number) => 1 + amount * (2 * rand(seed, m * 8 + k) - 1);
  const load = dailyShape(t) * noise(0, 0.08);
  const rps = p.rps * (REGION_WEIGHT[region] ?? 0.6) * load;
  const degradation = ctx.degradations.find((d) => d.from <= t && t < d.until);
  const degradedFor = degradation ? Math.floor((t - degradation.from) / MIN) : null;

  let err5 = p.err5 * noise(1, 0.5);
  const hour = Math.floor(m / 60);
  if (rand(ctx.burstSeed, hour * 3) < 0.08) {
    const start = hour * 60 + Math.floor(rand(ctx.burstSeed, hour * 3 + 1) * 57);
    if (m >= start && m < start + 2 + Math.floor(rand(ctx.burstSeed, hour * 3 + 2) * 2))
      err5 = 0.04 + 0.06 * rand(seed, m * 8 + 2);
  }
  if (degradedFor !== null) err5 = 0.06 + 0.06 * rand(seed, m * 8 + 3);

  const base = p.latencyMs * (REGION_LATENCY[region] ?? 1) * (0.9 + 0.25 * load) * noise(4, 0.06);
  const instances = Math.max(
    service.minInstances,
    Math.ceil((rps / 6) * noise(5, 0.1) * (degradedFor !== null ? 1.5 : 1)),
  );

  // A new revision at every deploy; the previous one drains over five minutes.
  const shifted = m + ctx.deployOffset;
  const index = Math.floor(shifted / DEPLOY_PERIOD);
  const sinceDeploy = shifted - index * DEPLOY_PERIOD;
  const revision = (i: number) => {
    let name = ctx.revisions.get(i);
    if (name === undefined) ctx.revisions.set(i, (name = revisionName(service.name, i)));
    return name;
  };
  const draining =
    sinceDeploy < 5
      ? { revision: revision(index - 1), instances: Math.ceil((instances * (5 - sinceDeploy)) / 5) }
      : null;

  return {
    rps,
    err5,
    err4: p.err4 * noise(6, 0.3),
    latencyMedian: degradedFor !== null ? base * 2.5 : base,
    latencySigma: degradedFor !== null ? 0.75 : 0.45,
    degradedFor,
    cpu: Math.min(0.9, p.cpu * (0.6 + 0.6 * load) * (degradedFor !== null ? 1.4 : 1)),
    memory: Math.min(0.9, p.memory * (0.9 + 0.2 * load)),
    instances,
    starts: 0.03 * instances + (sinceDeploy < 5 ? instances / 5 : 0),
    revision: revision(index),
    draining,
  };
}

function revisionName(service: string, index: number): string {
  const n = String(((index % 1000) + 1000) % 1000).padStart(5, "0");
  return `${service}-${n}-${hash(`${service}:${index}`).toString(36).slice(0, 3)}`;
}

/** Minutes of one cron job that complete an execution. */
export function completesExecution(service: string, m: number): boolean {
  if (service === "warehouse-sync") return m % 15 === 0;
  if (service === "cohort-builder") return m % DAY_MINUTES === 120;
  if (service === "cost-reporter") return m % (7 * DAY_MINUTES) === 4 * DAY_MINUTES + 360; // Mondays 06:00
  return m % 60 === hash(service) % 60;
}

/** Log-normal observations from several groups of minutes, as one set of buckets. */
export function mixture(parts: { count: number; median: number; sigma: number }[]) {
  const dense = emptyDense();
  let count = 0;
  let sum = 0;
  for (const part of parts) {
    if (!(part.count > 0)) continue;
    addInto(dense, logNormalBuckets(part.count, part.median, part.sigma));
    count += part.count;
    sum += part.count * part.median * Math.exp((part.sigma * part.sigma) / 2);
  }
  const buckets = trim(dense);
  return { count, sum, buckets };
}
