import "server-only";
import type { Db } from "@/server/db/client";
import { fromDbKind } from "@/server/db/enums";
import { env } from "@/server/env";
import { compactMetrics } from "@/server/integrations/embedded-metrics/compact";
import {
  writeSamples,
  yieldToEventLoop,
  type Resolution,
} from "@/server/integrations/embedded-metrics/write-samples";
import { log } from "@/server/observability/logger";
import { scheduledDegradations, type Degradation, type DemoService } from "./demo-model";
import { demoSamples } from "./demo-samples";
import { loadForcedDegradations } from "./force-degradation";

// The embedded mode's demo traffic: samples for every demo service that is deployed (lifecycle
// merged or live) in each of its regions. The first run backfills the last 6 hours (1-minute
// points) and the 7 days before (10-minute roll-ups); then one minute is written every 60 s. A
// watermark (PortalSetting) remembers how far it got, so a restart only fills the gap. Writes go
// in batches of a few thousand rows, so the embedded database keeps answering in between.

const MIN = 60_000;
const TEN = 10 * MIN;
export const FINE_BACKFILL_MS = 6 * 3600_000;
export const COARSE_BACKFILL_MS = 7 * 24 * 3600_000;
const WATERMARK_KEY = "demo-traffic-until";
/** Samples per write: bounds memory and statement size during the backfill. */
const BATCH_MS = { 60: 30 * MIN, 600: 6 * 3600_000 } as const;

export interface DemoTrafficRun {
  from: Date;
  until: Date;
  points: number;
  ms: number;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

export async function loadDemoServices(db: Db): Promise<DemoService[]> {
  const rows = await db.service.findMany({
    where: { isDemo: true, lifecycle: { in: ["merged", "live"] } },
    orderBy: { name: "asc" },
    select: {
      name: true,
      kind: true,
      regions: true,
      minInstances: true,
      triggers: { select: { name: true }, orderBy: { name: "asc" } },
    },
  });
  return rows.map((r) => ({ ...r, kind: fromDbKind(r.kind), triggers: r.triggers.map((t) => t.name) }));
}

/**
 * Writes the demo traffic that is missing up to the last complete minute before `now`: the
 * backfill on the first run, the minutes since the last run afterwards. Null when nothing was due.
 */
export async function writeDemoTraffic(db: Db, now = Date.now()): Promise<DemoTrafficRun | null> {
  const started = performance.now();
  const end = floorTo(now, MIN);
  const mark = await db.portalSetting.findUnique({ where: { key: WATERMARK_KEY } });
  const last = mark ? Date.parse(mark.value) : NaN;
  const coarseStart = floorTo(end - COARSE_BACKFILL_MS, TEN);
  const fineStart = floorTo(end - FINE_BACKFILL_MS, TEN);
  const from = Math.min(end, Math.max(coarseStart, Number.isFinite(last) ? last : coarseStart));
  if (from >= end) return null;

  const services = await loadDemoServices(db);
  const degradations: Degradation[] = [
    ...services.flatMap((s) => scheduledDegradations(s, floorTo(from, TEN), end)),
    ...(await loadForcedDegradations(db, floorTo(from, TEN), end)),
  ];
  let points = 0;
  const write = async (a: number, b: number, resolution: Resolution) => {
    for (let t = a; t < b; t += BATCH_MS[resolution]) {
      const samples = demoSamples(
        services,
        degradations,
        t,
        Math.min(b, t + BATCH_MS[resolution]),
        resolution,
      );
      points += (await writeSamples(db, samples, { mode: "replace" })).points;
      await yieldToEventLoop();
    }
  };
  // The recent 1-minute points first (the 1 h and 6 h dashboards), then the older roll-ups.
  await write(Math.max(from, fineStart), end, 60);
  if (from < fineStart) await write(floorTo(from, TEN), fineStart, 600);

  const value = new Date(end).toISOString();
  await db.portalSetting.upsert({
    where: { key: WATERMARK_KEY },
    create: { key: WATERMARK_KEY, value },
    update: { value },
  });
  if (!Number.isFinite(last) || floorTo(end, TEN) > floorTo(last, TEN)) await compactMetrics(db, now);
  return { from: new Date(from), until: new Date(end), points, ms: Math.round(performance.now() - started) };
}

/**
 * Rewrites one demo service's 1-minute samples in [fromMs, now) with the degradations known now,
 * so a degradation forced "since 10 minutes ago" shows on the next refresh.
 */
export async function rewriteDemoTraffic(
  db: Db,
  service: string,
  fromMs: number,
  now = Date.now(),
): Promise<number> {
  const end = floorTo(now, MIN);
  const start = floorTo(fromMs, MIN);
  if (start >= end) return 0;
  const services = (await loadDemoServices(db)).filter((s) => s.name === service);
  const degradations: Degradation[] = [
    ...services.flatMap((s) => scheduledDegradations(s, start, end)),
    ...(await loadForcedDegradations(db, start, end)),
  ];
  return (await writeSamples(db, demoSamples(services, degradations, start, end, 60), { mode: "replace" }))
    .points;
}

interface LoopState {
  timer?: ReturnType<typeof setTimeout>;
  inflight?: Promise<unknown>;
  running: boolean;
}

// On globalThis so that a reloaded module (next dev) finds the loop that is already running.
const state: LoopState = ((globalThis as { meridianDemoTraffic?: LoopState }).meridianDemoTraffic ??= {
  running: false,
});

async function runOnce(db: Db): Promise<DemoTrafficRun | null> {
  const run = writeDemoTraffic(db).catch((error: unknown) => {
    log.error("demo traffic: writing failed", error);
    return null;
  });
  state.inflight = run;
  return run;
}

function scheduleNext(db: Db) {
  if (!state.running) return;
  // Two seconds after the next minute starts, when the minute before it is complete.
  const delay = floorTo(Date.now(), MIN) + MIN + 2000 - Date.now();
  state.timer = setTimeout(() => void runOnce(db).then(() => scheduleNext(db)), delay);
  state.timer.unref?.();
}

/**
 * Starts the demo traffic (embedded mode; a no-op in production or when it already runs): the
 * backfill now, then a minute every 60 s. Resolves when the backfill is written; never rejects.
 */
export async function startDemoTraffic(db: Db): Promise<DemoTrafficRun | null> {
  if (state.running || env().MERIDIAN_MODE === "production") return null;
  state.running = true;
  const run = await runOnce(db);
  if (run)
    log.info(
      `demo traffic: wrote ${run.points} points (${run.from.toISOString()} to ${run.until.toISOString()}) in ${run.ms} ms`,
    );
  scheduleNext(db);
  return run;
}

/** Stops the demo traffic and waits for a write in progress. */
export async function stopDemoTraffic(): Promise<void> {
  state.running = false;
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  await state.inflight;
}
