import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplayEstimate, ReplayView } from "@/lib/replays";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { as, publishRecorded, windowAround } from "./support/replays";

// Replays on the embedded broker end to end: estimate, guardrails (confirmation, permissions),
// the durable job (claimed by a worker, cursor per batch, pause/resume/cancel), replay marks on
// every event, single-trigger targeting, the rate limit, and the audit trail.

let portal: PortalEnvironment;
let publish: typeof import("@/app/api/events/route");
let estimate: typeof import("@/app/api/replays/estimate/route");
let replays: typeof import("@/app/api/replays/route");
let replay: typeof import("@/app/api/replays/[id]/route");
let pause: typeof import("@/app/api/replays/[id]/pause/route");
let resume: typeof import("@/app/api/replays/[id]/resume/route");
let cancel: typeof import("@/app/api/replays/[id]/cancel/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;
let events: import("@/server/services/events/event-workers").EventWorkers;
let worker: import("@/server/services/jobs/job-worker").JobWorker;

const TYPE = "dev.meridian.checkout.order.placed"; // consumed by inventory-service and campaign-mailer
const TRIGGER = "inventory-service-order-placed";
let recorded: string[] = [];
const window = windowAround();

beforeAll(async () => {
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_SEED_DEMO: "true",
    MERIDIAN_DEV_USER: "dev@meridian.local",
    MERIDIAN_REPLAY_CONFIRM_THRESHOLD: "30",
  });
  publish = await import("@/app/api/events/route");
  estimate = await import("@/app/api/replays/estimate/route");
  replays = await import("@/app/api/replays/route");
  replay = await import("@/app/api/replays/[id]/route");
  pause = await import("@/app/api/replays/[id]/pause/route");
  resume = await import("@/app/api/replays/[id]/resume/route");
  cancel = await import("@/app/api/replays/[id]/cancel/route");
  const client = await import("@/server/db/client");
  db = await client.getDb();
  const { EventWorkers } = await import("@/server/services/events/event-workers");
  events = new EventWorkers(db, client.listenDb);
  recorded = await publishRecorded(publish.POST, TYPE, "us-central1", 12, (i) => ({
    tier: i % 3 === 0 ? "gold" : "basic",
  }));
  await events.wake();
  const { replayJobWorker } = await import("@/server/services/replays/replay-worker");
  worker = replayJobWorker(db);
});
afterAll(async () => {
  await worker?.stop();
  await events?.stop();
  await portal?.dispose();
});

const selection = (extra: object = {}) => ({ types: [TYPE], ...window, ...extra });
// grace@meridian.dev is in fulfilment, the team that owns inventory-service.
const create = (body: object, headers: Record<string, string> = as("grace@meridian.dev")) =>
  call(replays.POST, "/api/replays", { method: "POST", json: body, headers });
const view = async (id: string) =>
  (await call<ReplayView>(replay.GET, `/api/replays/${id}`, {}, { id })).body;

async function until(id: string, done: (v: ReplayView) => boolean, ms = 30_000): Promise<ReplayView> {
  const start = Date.now();
  for (;;) {
    const v = await view(id);
    if (done(v)) return v;
    if (Date.now() - start > ms) throw new Error(`replay ${id} stuck at ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("estimate", () => {
  it("counts the selection and renders a sample as CloudEvents", async () => {
    const res = await call<ReplayEstimate>(estimate.POST, "/api/replays/estimate", {
      method: "POST",
      json: { service: "inventory-service", selection: selection(), sampleSize: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBeGreaterThanOrEqual(12);
    expect(res.body).toMatchObject({ archive: "embedded", bytesScanned: null, confirmAbove: 30 });
    expect(res.body.sample).toHaveLength(3);
    expect(res.body.sample[0]!.attributes).toMatchObject({ type: TYPE, specversion: "1.0" });
  });

  it("filters by extension, subject and a payload field", async () => {
    const count = async (extra: object) =>
      (
        await call<ReplayEstimate>(estimate.POST, "/api/replays/estimate", {
          method: "POST",
          json: { service: "inventory-service", selection: selection(extra) },
        })
      ).body.count;
    const base = { source: { op: "equals", value: "//test/recorded" } };
    expect(await count({ ...base, extensions: [{ name: "tier", op: "equals", value: "gold" }] })).toBe(4);
    expect(await count({ ...base, subject: { op: "prefix", value: "items/1" } })).toBe(3); // 1, 10, 11
    expect(await count({ ...base, data: [{ path: "$.order.id", op: "equals", value: "o-7" }] })).toBe(1);
    // Hostile values are data, not SQL: they match nothing and break nothing.
    for (const value of ["' OR 1=1 --", 'x\'; DROP TABLE "RecordedEvent"; --', "\\", "%", "_"])
      expect(await count({ ...base, subject: { op: "prefix", value } })).toBe(0);
    expect(await db.recordedEvent.count()).toBeGreaterThanOrEqual(12);
  });

  it("refuses what cannot be replayed, naming the field", async () => {
    const bad = async (body: object) =>
      (await call(estimate.POST, "/api/replays/estimate", { method: "POST", json: body })).body.error
        .issues[0].field;
    expect(
      await bad({
        service: "inventory-service",
        selection: selection({ types: ["dev.meridian.payments.refunded"] }),
      }),
    ).toBe("body.selection.types");
    expect(await bad({ service: "inventory-service", selection: { ...selection(), to: window.from } })).toBe(
      "body.selection.to",
    );
    expect(
      await bad({
        service: "inventory-service",
        selection: selection({ data: [{ path: "$..x", op: "equals", value: "1" }] }),
      }),
    ).toBe("body.selection.data.0.path");
    expect(await bad({ service: "no-such-service", selection: selection() })).toBe("body.service");
  });
});

describe("a replay to one trigger", () => {
  it("runs to completion; only that trigger receives the events, each marked with the replay", async () => {
    const res = await create({
      service: "inventory-service",
      selection: selection({ source: { op: "equals", value: "//test/recorded" } }),
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond: 100,
    });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    worker.start();
    const done = await until(id, (v) => v.status === "completed");
    expect(done).toMatchObject({ total: 12, sent: 12, failed: 0, remaining: 0 });
    await events.wake();
    const replayed = await db.busEvent.findMany({ where: { replayJobId: id } });
    expect(replayed).toHaveLength(12);
    expect(replayed.map((r) => (r.extensions as Record<string, string>).replayedfrom).sort()).toEqual(
      [...recorded].sort(),
    );
    for (const r of replayed) {
      expect(r.extensions).toMatchObject({ replayid: id, actor: "grace@meridian.dev" });
      expect(recorded).not.toContain(r.eventId);
    }
    const deliveries = await db.delivery.findMany({
      where: { busEventSeq: { in: replayed.map((r) => r.seq) } },
      include: { trigger: true },
    });
    expect(deliveries).toHaveLength(12);
    expect(new Set(deliveries.map((d) => d.trigger.name))).toEqual(new Set([TRIGGER]));
    // Replayed events are not archived a second time.
    expect(await db.recordedEvent.count({ where: { busEventSeq: { in: replayed.map((r) => r.seq) } } })).toBe(
      0,
    );
  });

  it("a trigger of another service, or of another type, is refused", async () => {
    const other = await create({
      service: "inventory-service",
      selection: selection(),
      target: { kind: "trigger", trigger: "campaign-mailer-order-placed" },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.issues[0]).toMatchObject({ field: "body.target.trigger" });
  });
});

describe("guardrails", () => {
  it("a whole broker needs the service name typed; then every matching trigger in its region receives", async () => {
    const body = {
      service: "inventory-service",
      selection: selection({ extensions: [{ name: "tier", op: "equals", value: "gold" }] }),
      target: { kind: "broker", region: "europe-west1" },
    };
    const unconfirmed = await create(body);
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.error.issues[0].field).toBe("body.confirm");
    expect(await create({ ...body, confirm: "inventory" })).toMatchObject({ status: 422 });
    const confirmed = await create({ ...body, confirm: "inventory-service", ratePerSecond: 50 });
    expect(confirmed.status).toBe(202);
    worker.start();
    await until(confirmed.body.id, (v) => v.status === "completed");
    await events.wake();
    const seqs = (await db.busEvent.findMany({ where: { replayJobId: confirmed.body.id } })).map(
      (r) => r.seq,
    );
    const names = new Set(
      (await db.delivery.findMany({ where: { busEventSeq: { in: seqs } }, include: { trigger: true } })).map(
        (d) => d.trigger.name,
      ),
    );
    expect(names).toEqual(new Set([TRIGGER, "campaign-mailer-order-placed"]));
  });

  it("more events than the threshold need confirmation too", async () => {
    await publishRecorded(publish.POST, TYPE, "us-central1", 25);
    await events.wake();
    const res = await create({
      service: "inventory-service",
      selection: selection(),
      target: { kind: "trigger", trigger: TRIGGER },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].rule).toMatch(/more than 30/);
  });

  it("only the owning team or an admin may start or control a replay", async () => {
    const body = {
      service: "inventory-service",
      selection: selection({
        source: { op: "equals", value: "//test/recorded" },
        subject: { op: "equals", value: "items/2" },
      }),
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond: 1,
    };
    const matrix: [string, string, number][] = [
      ["viewer", "viewer@meridian.dev", 403],
      ["another team's member", "dev@meridian.local", 403], // checkout, not fulfilment
      ["the owning team's member", "grace@meridian.dev", 202],
      ["an admin", "ada@meridian.dev", 202],
    ];
    const started: string[] = [];
    for (const [who, email, status] of matrix) {
      const res = await create(body, as(email));
      expect(res.status, who).toBe(status);
      if (status === 202) started.push(res.body.id);
    }
    await worker.stop();
    const id = started[0]!;
    const control = (route: typeof pause, email: string) =>
      call(route.POST, `/api/replays/${id}/x`, { method: "POST", headers: as(email) }, { id });
    expect((await control(pause, "viewer@meridian.dev")).status).toBe(403);
    expect((await control(cancel, "dev@meridian.local")).status).toBe(403);
    expect((await control(pause, "grace@meridian.dev")).body.status).toBe("paused");
    expect((await control(pause, "grace@meridian.dev")).status).toBe(409);
    expect((await control(resume, "ada@meridian.dev")).body.status).toBe("queued");
    expect((await control(cancel, "grace@meridian.dev")).body.status).toBe("cancelled");
    const audit = await db.auditEntry.findMany({
      where: { action: { startsWith: "replay." }, details: { path: ["replay"], equals: id } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["replay.create", "grace@meridian.dev"],
      ["replay.pause", "grace@meridian.dev"],
      ["replay.resume", "ada@meridian.dev"],
      ["replay.cancel", "grace@meridian.dev"],
    ]);
    expect(audit[0]!.details).toMatchObject({ selected: 2, target: { kind: "trigger", trigger: TRIGGER } });
    await call(cancel.POST, "/x", { method: "POST", headers: as("ada@meridian.dev") }, { id: started[1]! });
  });

  it("the same Idempotency-Key answers the same replay", async () => {
    const body = {
      service: "inventory-service",
      selection: selection({
        subject: { op: "equals", value: "items/3" },
        source: { op: "equals", value: "//test/recorded" },
      }),
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond: 1,
    };
    const a = await create(body, { ...as("grace@meridian.dev"), "idempotency-key": "replay-once-1" });
    const b = await create(body, { ...as("grace@meridian.dev"), "idempotency-key": "replay-once-1" });
    const someoneElse = await create(body, { ...as("ada@meridian.dev"), "idempotency-key": "replay-once-1" });
    expect(someoneElse.status).toBe(409);
    expect(a.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    await call(cancel.POST, "/x", { method: "POST", headers: as("grace@meridian.dev") }, { id: a.body.id });
  });
});

describe("controls on a running replay", () => {
  it("pause stops it between batches and resume finishes it; cancel ends it at once", async () => {
    const body = {
      service: "inventory-service",
      selection: selection({ source: { op: "equals", value: "//test/recorded" } }),
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond: 4,
      confirm: "inventory-service",
    };
    const grace = as("grace@meridian.dev");
    const control = (route: typeof pause, id: string) =>
      call(route.POST, `/api/replays/${id}/x`, { method: "POST", headers: grace }, { id });
    worker.start();

    const paused = (await create(body)).body.id as string;
    await until(paused, (v) => v.status === "running" && v.sent > 0);
    expect((await control(pause, paused)).body.status).toBe("paused");
    await new Promise((r) => setTimeout(r, 1500));
    const held = await view(paused);
    expect(held.status).toBe("paused");
    await new Promise((r) => setTimeout(r, 1500));
    expect((await view(paused)).sent).toBe(held.sent); // nothing is sent while paused
    expect(held.sent).toBeLessThan(held.total);
    expect((await control(resume, paused)).body.status).toBe("queued");
    const finished = await until(paused, (v) => v.status === "completed");
    expect(finished.sent).toBe(finished.total);
    expect(await db.busEvent.count({ where: { replayJobId: paused } })).toBe(finished.total);

    const cancelled = (await create(body)).body.id as string;
    await until(cancelled, (v) => v.status === "running" && v.sent > 0);
    expect((await control(cancel, cancelled)).body.status).toBe("cancelling");
    const ended = await until(cancelled, (v) => v.status === "cancelled", 5_000);
    expect(ended.sent).toBeLessThan(ended.total);
    expect(await db.busEvent.count({ where: { replayJobId: cancelled } })).toBe(ended.sent);
  });
});

describe("the rate limit", () => {
  it("holds within 10%", async () => {
    const rate = 10;
    const res = await create({
      service: "inventory-service",
      selection: selection(),
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond: rate,
      confirm: "inventory-service",
    });
    expect(res.status).toBe(202);
    worker.start();
    const done = await until(res.body.id, (v) => v.status === "completed", 60_000);
    const sent = (
      await db.busEvent.findMany({ where: { replayJobId: res.body.id }, orderBy: { seq: "asc" } })
    ).map((r) => r.publishedAt.getTime());
    expect(sent).toHaveLength(done.total);
    // Batches of `rate` events, one second apart: from the first batch to the last, (batches - 1) s.
    const batches = Math.ceil(done.total / rate);
    const seconds = (sent.at(-1)! - sent[0]!) / 1000;
    expect(batches).toBeGreaterThanOrEqual(3);
    const achieved = ((batches - 1) * rate) / seconds;
    expect(achieved).toBeGreaterThan(rate * 0.9);
    expect(achieved).toBeLessThan(rate * 1.1);
  });
});

describe("the embedded archive and log, batched", () => {
  it("reads several types in time order, page by page, each event once", async () => {
    const OTHER = "dev.meridian.payments.declined";
    await publishRecorded(publish.POST, OTHER, "europe-west1", 7);
    await events.wake();
    const { eventArchive } = await import("@/server/integrations/event-archive");
    const query = {
      types: [TYPE, OTHER, TYPE],
      from: new Date(window.from),
      to: new Date(window.to),
      source: { op: "equals" as const, value: "//test/recorded" },
    };
    const expected = await db.recordedEvent.findMany({
      where: {
        type: { in: [TYPE, OTHER] },
        source: "//test/recorded",
        time: { gte: query.from, lt: query.to },
      },
      orderBy: [{ time: "asc" }, { id: "asc" }],
      select: { eventId: true },
    });
    expect(new Set(expected.map((e) => e.eventId)).size).toBe(expected.length);
    const read: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page = await eventArchive().read(query, cursor, 5);
      if (page.length === 0) break;
      read.push(...page.map((e) => e.originalId!));
      cursor = page.at(-1)!.cursor;
    }
    expect(read).toEqual(expected.map((e) => e.eventId));
    expect(read.length).toBeGreaterThan(7);
  });

  it("inserts a batch in order under one notification", async () => {
    const { BUS_CHANNEL, insertBusEvents, readBusEvents } =
      await import("@/server/integrations/event-bus/bus-log");
    const { listenDb } = await import("@/server/db/client");
    const notified: string[] = [];
    const unlisten = await listenDb(BUS_CHANNEL, (payload) => notified.push(payload));
    try {
      const rows = ["a", "b", "c"].map((n, i) => ({
        region: "us-central1",
        event: {
          specversion: "1.0" as const,
          id: `batch-${n}-${crypto.randomUUID()}`,
          source: "//test/batch",
          type: "dev.meridian.inventory.reserved",
          ...(i === 1 ? { subject: "items/1", time: "2026-01-02T03:04:05.678Z" } : {}),
          datacontenttype: "application/json",
          extensions: { n },
          data: new TextEncoder().encode(JSON.stringify({ n })),
        },
      }));
      const { seqs } = await db.$transaction((tx) => insertBusEvents(tx, rows));
      expect(seqs).toHaveLength(3);
      expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
      const stored = await readBusEvents(db, seqs);
      expect(stored.map((r) => r.eventId)).toEqual(rows.map((r) => r.event.id));
      expect(stored[1]).toMatchObject({ subject: "items/1", time: new Date("2026-01-02T03:04:05.678Z") });
      expect(stored[0]).toMatchObject({ subject: null, time: null, extensions: { n: "a" } });
      expect(Buffer.from(stored[2]!.data).toString()).toBe('{"n":"c"}');
      const start = Date.now();
      while (notified.length === 0 && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(notified).toEqual([seqs.at(-1)!.toString()]);
    } finally {
      await unlisten();
    }
  });
});
