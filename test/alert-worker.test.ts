import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MetricQuery } from "@/lib/dashboards/types";
import { connectDatabase, type Db } from "@/server/db/client";
import type { MetricWindow, MetricsSource, RawSeries } from "@/server/integrations/metrics/metrics-source";
import { AlertWorker } from "@/server/services/alerts/alert-worker";
import { claimDueEvaluations, ensureSchedules } from "@/server/services/alerts/claim-evaluations";
import { evaluateDueAlerts } from "@/server/services/alerts/evaluate-due-alerts";
import { createScratchPostgres, type ScratchPostgres } from "./support/test-db";

// The scheduled evaluation across portal processes: two connection pools on one PostgreSQL
// database stand for two replicas. A service is evaluated by one worker at a time, its states and
// incidents are written only under the claim, and transitions become incidents with start, end, peak.

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MIN = 60_000;

let scratch: ScratchPostgres;
const handles: Awaited<ReturnType<typeof connectDatabase>>[] = [];
let a: Db;
let b: Db;

beforeAll(async () => {
  scratch = await createScratchPostgres(ADMIN_URL);
  const target = { kind: "postgres", url: scratch.url } as const;
  handles.push(await connectDatabase(target, { seedDemo: true }));
  handles.push(await connectDatabase(target, { seedDemo: false }));
  a = handles[0]!.prisma;
  b = handles[1]!.prisma;
}, 60_000);

afterAll(async () => {
  for (const h of handles) {
    await h.prisma.$disconnect();
    await h.database.close();
  }
  await scratch?.drop();
});

beforeEach(async () => {
  await a.alertSchedule.deleteMany();
  await a.alertState.deleteMany();
  await a.alertIncident.deleteMany();
});

/** The catalog service a query belongs to (Cloud Run service or job), or null (subscriptions). */
const serviceOf = (query: MetricQuery) =>
  query.filter.find((c) => c.key === "resource.label.service_name" || c.key === "resource.label.job_name")
    ?.value ?? null;

/** Every query answers a flat healthy series after `delayMs`; `degraded` services are slow in us-central1. */
function fakeSource(options: {
  delayMs?: number;
  degraded?: Set<string>;
  onRead?: (service: string | null) => () => void;
}): MetricsSource {
  return {
    kind: "embedded",
    async listTimeSeries(query: MetricQuery, window: MetricWindow): Promise<RawSeries[]> {
      const done = options.onRead?.(serviceOf(query));
      try {
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const step = window.stepSeconds * 1000;
        const slow = options.degraded?.has(serviceOf(query) ?? "") ?? false;
        const value = (region: string) => {
          if (query.metricType.endsWith("/request_latencies"))
            return slow && region === "us-central1" ? 4000 : 120;
          if (query.metricType.endsWith("/request_count")) return query.filter.length > 1 ? 0 : 10;
          if (query.metricType.endsWith("/completed_execution_count")) return 1;
          return 0;
        };
        return ["us-central1", "europe-west1", "us-east4", "asia-northeast1"].map((region) => {
          const points: [number, number][] = [];
          for (let t = window.from.getTime() + step; t <= window.to.getTime(); t += step)
            points.push([t, value(region)]);
          return { region, labels: {}, points };
        });
      } finally {
        done?.();
      }
    },
  };
}

describe("claims", () => {
  it("two processes claiming at once get disjoint services, and together all that are due", async () => {
    await ensureSchedules(a);
    const due = await a.alertSchedule.count();
    expect(due).toBeGreaterThan(10);
    const [first, second] = await Promise.all([
      claimDueEvaluations(a, "worker-a", 100, 60),
      claimDueEvaluations(b, "worker-b", 100, 60),
    ]);
    expect(first.filter((s) => second.includes(s))).toEqual([]);
    expect(first.length + second.length).toBe(due);
    // Nothing is claimable while the claims hold.
    expect(await claimDueEvaluations(a, "worker-c", 100, 60)).toEqual([]);
  });

  it("a worker whose claim was taken over records nothing", async () => {
    await ensureSchedules(a);
    const source = fakeSource({});
    await claimDueEvaluations(a, "worker-a", 100, 60);
    // worker-a's claims expire (it hung); worker-b takes the services over and records them.
    await a.$executeRawUnsafe(`UPDATE "AlertSchedule" SET "claimedUntil" = now() - interval '1 second'`);
    const taken = await evaluateDueAlerts(b, source, { worker: "worker-b", intervalSeconds: 60, batch: 100 });
    expect(taken.evaluated.length).toBeGreaterThan(10);
    const states = await a.alertState.count();
    // worker-a comes back: every write it attempts is refused.
    await a.$executeRawUnsafe(
      `UPDATE "AlertSchedule" SET "claimedBy" = 'worker-b', "claimedUntil" = now() + interval '1 minute', "dueAt" = now()`,
    );
    const late = await evaluateDueAlerts(a, source, { worker: "worker-a", intervalSeconds: 60, batch: 100 });
    expect(late).toEqual({ evaluated: [], lost: [] });
    expect(await a.alertState.count()).toBe(states);
  });
});

describe("two workers", () => {
  it("never evaluate the same service's policies at the same time, and share the work", async () => {
    // Reads of a service by worker W are in flight between enter and leave; another worker reading
    // the same service meanwhile is an overlap.
    const reading = new Map<string, Map<string, number>>();
    const overlaps: string[] = [];
    const track = (worker: string) => (service: string | null) => {
      if (service === null) return () => {};
      const byWorker = reading.get(service) ?? new Map<string, number>();
      reading.set(service, byWorker);
      for (const [other, n] of byWorker)
        if (other !== worker && n > 0) overlaps.push(`${service}: ${worker} and ${other}`);
      byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
      return () => byWorker.set(worker, byWorker.get(worker)! - 1);
    };
    const evaluatedBy = new Map<string, string[]>();
    const workers = [a, b].map((db, i) => {
      const name = `w${i}`;
      const worker: AlertWorker = new AlertWorker(db, fakeSource({ delayMs: 15, onRead: track(name) }), {
        // Due again as soon as recorded: the two workers keep competing for the same services.
        intervalSeconds: 0,
        pollMs: 5,
        batch: 3,
        onTick: (tick) => {
          for (const s of tick.evaluated) evaluatedBy.set(s, [...(evaluatedBy.get(s) ?? []), name]);
        },
      });
      return worker;
    });
    for (const w of workers) w.start();
    await new Promise((r) => setTimeout(r, 4_000));
    await Promise.all(workers.map((w) => w.stop()));

    expect(overlaps).toEqual([]);
    const deployed = await a.service.count({ where: { lifecycle: { in: ["merged", "live"] } } });
    expect(evaluatedBy.size).toBe(deployed);
    const rounds = [...evaluatedBy.values()].flat();
    expect(rounds.filter((w) => w === "w0").length).toBeGreaterThan(0);
    expect(rounds.filter((w) => w === "w1").length).toBeGreaterThan(0);
    // Some service was evaluated several times, by both workers in turn.
    expect([...evaluatedBy.values()].some((ws) => new Set(ws).size === 2)).toBe(true);
  }, 30_000);
});

describe("states and incidents", () => {
  it("a firing region opens an incident with its start and peak; recovery ends it", async () => {
    const degraded = new Set<string>();
    const source = fakeSource({ degraded });
    const service = (await a.service.findFirstOrThrow({ where: { kind: "http", lifecycle: "live" } })).name;
    const t0 = Date.UTC(2026, 0, 5, 12, 0, 30);
    const tick = (at: number) =>
      evaluateDueAlerts(a, source, { worker: "w", intervalSeconds: 0, batch: 100, now: () => at });

    await tick(t0);
    const ok = await a.alertState.findUniqueOrThrow({
      where: { service_policyId_region: { service, policyId: "latency-p99", region: "us-central1" } },
    });
    expect(ok.state).toBe("ok");

    degraded.add(service);
    await tick(t0 + 10 * MIN);
    const states = await a.alertState.findMany({ where: { service, policyId: "latency-p99" } });
    const by = Object.fromEntries(states.map((s) => [s.region, s.state]));
    expect(by).toMatchObject({ "us-central1": "firing", "europe-west1": "ok", all: "firing" });
    const [open] = await a.alertIncident.findMany({ where: { service, region: "us-central1" } });
    expect(open).toMatchObject({ policyId: "latency-p99", endedAt: null, peakValue: 4000, threshold: 1000 });

    degraded.delete(service);
    await tick(t0 + 20 * MIN);
    const [closed] = await a.alertIncident.findMany({ where: { service, region: "us-central1" } });
    expect(closed?.endedAt).not.toBeNull();
    expect(closed!.endedAt!.getTime()).toBeGreaterThan(closed!.startedAt.getTime());
    const after = await a.alertState.findUniqueOrThrow({
      where: { service_policyId_region: { service, policyId: "latency-p99", region: "us-central1" } },
    });
    expect(after).toMatchObject({ state: "ok", lastFiredAt: closed!.startedAt });
    expect(await a.alertIncident.count({ where: { service } })).toBe(2); // us-central1 and all regions
  });
});
