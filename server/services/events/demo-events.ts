import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { eventBus } from "@/server/integrations/event-bus";
import { log } from "@/server/observability/logger";
import { demoEvent } from "./demo-payloads";

// The embedded mode's demo events: every couple of seconds a few CloudEvents for the demo fleet's
// types, from their demo producers, in the producers' regions (GitHub events come from outside the
// catalog, as the github-events trampoline publishes them). They go through the real broker, so
// triggers, deliveries, the archive and the live tail all see them. Each carries `demo: "true"`
// and the actor `demo-events@meridian.local`: nobody mistakes them for production traffic.

const INTERVAL_MS = 2_000;
export const DEMO_ACTOR = "demo-events@meridian.local";

interface Source {
  type: string;
  producer: string | null;
  regions: string[];
}

async function loadSources(db: Db): Promise<Source[]> {
  const types = await db.eventType.findMany({
    include: {
      publishers: {
        include: { service: { select: { name: true, regions: true, isDemo: true, lifecycle: true } } },
      },
      triggers: { include: { service: { select: { regions: true, isDemo: true } } } },
    },
  });
  return types.flatMap((t): Source[] => {
    const producers = t.publishers.filter(
      (p) => p.service.isDemo && ["merged", "live"].includes(p.service.lifecycle),
    );
    if (producers.length)
      return producers.map((p) => ({ type: t.type, producer: p.service.name, regions: p.service.regions }));
    const regions = [
      ...new Set(t.triggers.filter((x) => x.service.isDemo).flatMap((x) => x.service.regions)),
    ];
    return regions.length ? [{ type: t.type, producer: null, regions }] : [];
  });
}

/** Publishes one round of demo events; returns how many. */
export async function publishDemoEvents(db: Db, random: () => number = Math.random): Promise<number> {
  const sources = await loadSources(db);
  const bus = eventBus();
  let published = 0;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count && sources.length; i++) {
    const source = sources[Math.floor(random() * sources.length)]!;
    const n = Math.floor(Date.now() / 100) + i;
    const demo = demoEvent(source.type, source.producer, n, random);
    if (!demo) continue;
    await bus.publish(source.regions[Math.floor(random() * source.regions.length)]!, {
      specversion: "1.0",
      id: randomUUID(),
      type: source.type,
      source: demo.source,
      subject: demo.subject,
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      extensions: { ...demo.extensions, demo: "true", actor: DEMO_ACTOR },
      data: new TextEncoder().encode(JSON.stringify(demo.data)),
    });
    published += 1;
  }
  return published;
}

const state = ((globalThis as { meridianDemoEvents?: { timer?: NodeJS.Timeout } }).meridianDemoEvents ??= {});

/** Starts the demo events (embedded mode with an embedded bus and a demo fleet; once per process). */
export function startDemoEvents(db: Db): void {
  if (state.timer || env().MERIDIAN_MODE === "production" || eventBus().kind !== "embedded") return;
  state.timer = setInterval(() => {
    publishDemoEvents(db).catch((error: unknown) => log.error("demo events failed", error));
  }, INTERVAL_MS);
  state.timer.unref();
}
