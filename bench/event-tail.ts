// npx tsx --conditions=react-server bench/event-tail.ts (part of `npm run bench`)
//
// Publish → live-tail latency on the embedded bus: BENCH_TAIL_CLIENTS tail clients on the real
// `GET /api/services/[name]/events/stream` handler (in-process, each parsing its SSE stream),
// spread over five demo services, while events are published through the real `POST /api/events`
// handler (binary mode, the demo generator's payloads) at a steady BENCH_TAIL_RATE events/s, open
// loop, with the event workers (dispatch to triggers, inbox deliveries, archive) running as in a
// portal process. Each event carries the time taken just before its publish call (extension
// `benchsent`); latency is the time a client read its SSE message minus that, over every
// (event, client) receipt of the measured window.
// Errors: publishes that are not 202, `dropped` messages, receipts missing (every client must get
// every event of its scope: the demo fleet's publishes and triggers, its regions, its ?region=),
// unexpected or duplicated. Memory: heap and RSS after a full GC before and after the window.
// Against, in the same run: the same events at the same rate as raw INSERTs into the log table
// (the bus's own statement, with its NOTIFY) on the driver underneath Prisma, a raw LISTEN that
// reads the new rows, and a bare in-process fan-out to as many listeners.
// Goal: p99 <= 100 ms, no errors, a stable heap. Demo traffic and demo events are not started.
// Everything (PGlite included) shares this process's one main thread, as in the embedded portal;
// the event-loop utilisation and CPU per event say how close to saturation a side ran.
//
//   BENCH_TAIL_RATE=500            events/s
//   BENCH_TAIL_CLIENTS=200         tail clients
//   BENCH_TAIL_SECONDS=10          measured seconds per side (after BENCH_TAIL_WARMUP_SECONDS=3)
//   BENCH_TAIL_BREAKDOWN=1         also: the SQL statements per event and their execution time (PGlite)
//   BENCH_DATABASE_URL / BENCH_KEEP as for catalog-search.ts

import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { performance } from "node:perf_hooks";
import { demoServices } from "@/prisma/demo/fleet";
import type { EventView } from "@/lib/events/api";
import type { CloudEventAttributes } from "@/lib/events/cloudevent";
import { matchesTrigger } from "@/lib/events/match-filter";
import type { OpenDatabase } from "@/server/db/adapter";
import { demoEvent } from "@/server/services/events/demo-payloads";
import { openBenchDatabase } from "./database";
import { runBench } from "./run";
import { median, ms, quantile, table } from "./stats";
import { BenchFailure } from "./verify";

const RATE = Number(process.env.BENCH_TAIL_RATE ?? 500);
const CLIENTS = Number(process.env.BENCH_TAIL_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_TAIL_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_TAIL_WARMUP_SECONDS ?? 3);
const BREAKDOWN = ["1", "true"].includes(process.env.BENCH_TAIL_BREAKDOWN ?? "");
/** p99 <= GOAL_MS. */
const GOAL_MS = 100;
/** "Memory stable": the heap after a full GC grows by at most this much over the measured window. */
const HEAP_GROWTH_GOAL_MB = 5;
/** How long receipts may still arrive after the last publish. */
const DRAIN_MS = 10_000;

const TAILED = ["checkout-api", "inventory-service", "receipt-mailer", "refund-processor", "campaign-mailer"];

/** What is published, round-robin: type, region and the demo producer. */
const MIX: { type: string; region: string; producer: string }[] = [
  { type: "dev.meridian.checkout.order.placed", region: "us-central1", producer: "checkout-api" },
  { type: "dev.meridian.checkout.order.placed", region: "europe-west1", producer: "checkout-api" },
  { type: "dev.meridian.payments.authorized", region: "us-east4", producer: "payment-authorizer" },
  { type: "dev.meridian.payments.refund.requested", region: "us-central1", producer: "checkout-api" },
  { type: "dev.meridian.payments.authorized", region: "europe-west1", producer: "payment-authorizer" },
  { type: "dev.meridian.inventory.reserved", region: "asia-northeast1", producer: "inventory-service" },
  {
    type: "dev.meridian.shipping.shipment.dispatched",
    region: "asia-northeast1",
    producer: "shipment-tracker",
  },
  { type: "dev.meridian.payments.refund.requested", region: "us-east4", producer: "checkout-api" },
];

interface PreparedEvent {
  seq: number;
  region: string;
  headers: Record<string, string>;
  body: string;
  attributes: CloudEventAttributes;
  /** Indexes of the clients whose scope holds it. */
  audience: number[];
}

interface ClientSpec {
  service: string;
  /** The ?region= narrowing, or null. */
  region: string | null;
}

/** A seeded generator, so every run publishes the same events. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const demoService = (name: string) => demoServices.find((s) => s.name === name)!;

/** Whether a client's scope holds an event, from the demo fleet's data (not the portal's query). */
function inScope(client: ClientSpec, region: string, attributes: CloudEventAttributes): boolean {
  const service = demoService(client.service);
  if (!service.regions.includes(region)) return false;
  if (client.region !== null && client.region !== region) return false;
  if ((service.publishes as string[] | undefined)?.includes(attributes.type)) return true;
  return (service.triggers ?? []).some((t) => matchesTrigger(t.type, t.filter ?? {}, attributes));
}

function clientSpecs(): ClientSpec[] {
  return Array.from({ length: CLIENTS }, (_, i) => {
    const service = TAILED[i % TAILED.length]!;
    const regions = demoService(service).regions;
    // Every fourth client of a service narrows to one of its regions, as the page's region filter does.
    const n = Math.floor(i / TAILED.length);
    return { service, region: n % 4 === 3 ? regions[(n >> 2) % regions.length]! : null };
  });
}

function prepareEvents(count: number, clients: ClientSpec[], run: string): PreparedEvent[] {
  const random = seeded(42);
  return Array.from({ length: count }, (_, seq) => {
    const { type, region, producer } = MIX[seq % MIX.length]!;
    const demo = demoEvent(type, producer, seq, random)!;
    const id = `${run}-${seq}`;
    const extensions = { ...demo.extensions, benchseq: String(seq) };
    const attributes: CloudEventAttributes = {
      specversion: "1.0",
      id,
      source: demo.source,
      type,
      subject: demo.subject,
      datacontenttype: "application/json",
      extensions,
    };
    const headers: Record<string, string> = {
      "ce-specversion": "1.0",
      "ce-id": id,
      "ce-type": type,
      "ce-source": demo.source,
      "ce-subject": demo.subject,
      "content-type": "application/json",
    };
    for (const [k, v] of Object.entries(extensions)) headers[`ce-${k}`] = v;
    const audience = clients.flatMap((c, i) => (inScope(c, region, attributes) ? [i] : []));
    return { seq, region, headers, body: JSON.stringify(demo.data), attributes, audience };
  });
}

/** One side's receipts: the latency of each (event, client) of the measured events, and the errors. */
class Receipts {
  readonly latencies: Float64Array;
  count = 0;
  unexpected = 0;
  duplicates = 0;
  dropped = 0;
  /** Time the clients spent reading and parsing their streams (the bench's own work). */
  clientMs = 0;
  private readonly seen: Uint8Array[];
  private readonly allowed: Uint8Array[];

  constructor(
    private readonly events: PreparedEvent[],
    clients: number,
    /** Events before this index are the warm-up: checked, not timed. */
    private readonly firstMeasured: number,
  ) {
    this.latencies = new Float64Array(events.slice(firstMeasured).reduce((n, e) => n + e.audience.length, 0));
    this.seen = Array.from({ length: clients }, () => new Uint8Array(events.length));
    this.allowed = Array.from({ length: clients }, () => new Uint8Array(events.length));
    for (const e of events) for (const c of e.audience) this.allowed[c]![e.seq] = 1;
  }

  receive(client: number, seq: number, sentAt: number, at: number): void {
    if (!(seq >= 0 && seq < this.events.length) || !this.allowed[client]![seq]) {
      this.unexpected += 1;
      return;
    }
    if (this.seen[client]![seq]) {
      this.duplicates += 1;
      return;
    }
    this.seen[client]![seq] = 1;
    if (seq >= this.firstMeasured) this.latencies[this.count++] = at - sentAt;
  }

  /** Receipts still missing among the events before `upTo`. */
  missing(upTo = this.events.length): number {
    let missing = 0;
    for (let seq = 0; seq < upTo; seq++)
      for (const c of this.events[seq]!.audience) if (!this.seen[c]![seq]) missing++;
    return missing;
  }

  errors(): number {
    return this.dropped + this.missing() + this.unexpected + this.duplicates;
  }

  timed(): number[] {
    return Array.from(this.latencies.subarray(0, this.count));
  }
}

/** A tail client: parses the stream as EventSource does, keeping nothing but what it counts. */
async function readTail(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  receipts: Receipts,
  client: number,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return;
    const at = performance.now();
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = text;
        else if (field === "data") data = data ? `${data}\n${text}` : text;
      }
      if (event === "event") {
        const { extensions } = (JSON.parse(data) as EventView).attributes;
        receipts.receive(client, Number(extensions.benchseq), Number(extensions.benchsent), at);
      } else if (event === "dropped") receipts.dropped += (JSON.parse(data) as { count: number }).count;
    }
    receipts.clientMs += performance.now() - at;
  }
}

/** CPU time of this process's main thread (Linux; NaN elsewhere), ms. */
function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const [utime, stime] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .slice(11, 13)
      .map(Number);
    return ((utime! + stime!) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

interface Run {
  /** Achieved rate. */
  rate: number;
  /** How far behind its schedule the publisher fell at worst. */
  lateMs: number;
  /** Main-thread event-loop utilisation and process CPU time over the run. */
  elu: number;
  cpuMs: number;
  mainCpuMs: number;
}

/** Calls `publish(seq)` for every event at RATE per second, open loop; resolves when all answered. */
async function publishAtRate(
  from: number,
  to: number,
  publish: (seq: number) => Promise<void>,
): Promise<Run> {
  const start = performance.now();
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const pending: Promise<void>[] = [];
  let next = from;
  let lateMs = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(to, from + Math.floor(((now - start) * RATE) / 1000) + 1);
      for (; next < due; next++) {
        lateMs = Math.max(lateMs, now - (start + ((next - from) * 1000) / RATE));
        pending.push(publish(next));
      }
      if (next >= to) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  const used = process.cpuUsage(cpu);
  return {
    rate: (to - from) / seconds,
    lateMs,
    elu: performance.eventLoopUtilization(elu).utilization,
    cpuMs: (used.user + used.system) / 1000,
    mainCpuMs: mainThreadCpuMs() - mainCpu,
  };
}

async function waitFor(probe: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!probe() && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/** A full GC: `--expose-gc`, or the same exposed at run time; a no-op if neither works. */
const collect: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
})();

function memory() {
  collect();
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20, external: m.external / 2 ** 20 };
}

const mb = (v: number) => `${v.toFixed(1)} MB`;
const signedMb = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(1)} MB`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The INSERT the bus runs (server/integrations/event-bus/bus-log.ts), announced on its own channel. */
const RAW_CHANNEL = "meridian_bench_raw";
const RAW_INSERT = `INSERT INTO "BusEvent" (region, "eventId", type, source, subject, time, datacontenttype, dataschema,
    extensions, data)
  SELECT $1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9::jsonb, $10
  FROM (SELECT pg_advisory_xact_lock(720002)) AS serialised
  RETURNING seq, region, "eventId", type, source, subject, time, datacontenttype, dataschema, extensions, data,
    "publishedAt", pg_notify('${RAW_CHANNEL}', seq::text)::text AS notified`;
const RAW_READ = `SELECT seq::text AS seq, region, "eventId", type, source, subject, time, datacontenttype, dataschema,
    extensions, data, "publishedAt"
  FROM "BusEvent" WHERE seq > $1 ORDER BY seq LIMIT 500`;

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** The query function of the driver underneath Prisma (reached as bench/driver.ts does), with parameters. */
async function driverQuery(database: OpenDatabase): Promise<Query> {
  if (database.target.kind === "pglite") {
    const client = (database.factory as unknown as { client?: { query: Query } }).client;
    if (client) return client.query.bind(client);
  } else {
    const adapter = (await database.factory.connect()) as unknown as {
      underlyingDriver?: () => { query: Query };
    };
    const pool = adapter.underlyingDriver?.();
    if (pool) return pool.query.bind(pool);
  }
  throw new BenchFailure("the driver underneath Prisma was not reachable for the raw side");
}

/**
 * BENCH_TAIL_BREAKDOWN: every statement PGlite executes (its synchronous execution, in the
 * WebAssembly), by kind. Undefined on PostgreSQL.
 */
function tapStatements(database: OpenDatabase) {
  const pg = (
    database.factory as unknown as { client?: { execProtocolRawSync?: (m: Uint8Array) => unknown } }
  ).client;
  if (!BREAKDOWN || database.target.kind !== "pglite" || !pg?.execProtocolRawSync) return undefined;
  const original = pg.execProtocolRawSync.bind(pg);
  const kinds = new Map<string, { count: number; ms: number }>();
  let on = false;
  let current = "(other)";
  // A parameterised query is six protocol messages (parse, describe, bind, describe, execute,
  // sync), each run on its own, one query at a time; all of them count for the parse's statement.
  pg.execProtocolRawSync = (message: Uint8Array) => {
    if (!on) return original(message);
    const type = String.fromCharCode(message[0] ?? 0);
    if (type === "P" || type === "Q") {
      const text = Buffer.from(message.subarray(0, 400)).toString("latin1");
      const sql = /(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|WITH)\b[^\0]*/i.exec(text)?.[0];
      current = (sql ?? "(other)").replace(/\s+/g, " ").slice(0, 90);
    }
    const start = performance.now();
    try {
      return original(message);
    } finally {
      const k = kinds.get(current) ?? { count: 0, ms: 0 };
      if (type === "P" || type === "Q") k.count += 1;
      k.ms += performance.now() - start;
      kinds.set(current, k);
    }
  };
  return {
    start: () => void ((on = true), kinds.clear()),
    stop: () => {
      on = false;
      return [...kinds.entries()].sort((a, b) => b[1].ms - a[1].ms);
    },
  };
}

interface Side {
  label: string;
  run: Run;
  latencies: number[];
  receipts: Receipts;
  publishErrors: number;
  publishMs: number[];
}

async function main() {
  const { prisma, database } = await openBenchDatabase();
  const [publishRoute, streamRoute, { NextRequest }, client, { startEventWorkers }, { eventBus }] =
    await Promise.all([
      import("@/app/api/events/route"),
      import("@/app/api/services/[name]/events/stream/route"),
      import("next/server"),
      import("@/server/db/client"),
      import("@/server/services/events/event-workers"),
      import("@/server/integrations/event-bus"),
    ]);

  const specs = clientSpecs();
  const warmup = Math.round(RATE * WARMUP_SECONDS);
  const total = warmup + Math.round(RATE * SECONDS);
  const events = prepareEvents(total, specs, "tail");
  const fanOut = events.reduce((n, e) => n + e.audience.length, 0) / events.length;
  console.log(
    [
      `tail: ${CLIENTS} clients on GET /api/services/{name}/events/stream (in-process, SSE parsed) over ${TAILED.join(", ")}; every 4th narrowed by ?region=`,
      `publish: POST /api/events?region=… (binary mode, demo payloads) at ${RATE}/s open loop, ${MIX.length} type/region pairs round-robin; ${fanOut.toFixed(1)} receiving clients per event`,
      `event workers running (dispatch, inbox deliveries, archive); demo traffic and demo events off`,
      `raw: the bus's INSERT … RETURNING pg_notify on the driver, a raw LISTEN reading the new rows, a bare fan-out to ${CLIENTS} listeners`,
      `${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per side, tail first; load average ${load()} (${os.cpus().length} CPUs)\n`,
    ].join("\n"),
  );
  const statements = tapStatements(database);

  // The portal side.
  const workers = await startEventWorkers(prisma, client.listenDb);
  const receipts = new Receipts(events, CLIENTS, warmup);
  const streams: ReadableStreamDefaultReader<Uint8Array>[] = [];
  const readers: Promise<void>[] = [];
  for (const [i, spec] of specs.entries()) {
    const search = spec.region ? `?region=${spec.region}` : "";
    const response = await streamRoute.GET(
      new NextRequest(`http://localhost/api/services/${spec.service}/events/stream${search}`),
      { params: Promise.resolve({ name: spec.service }) },
    );
    if (response.status !== 200)
      throw new BenchFailure(
        `GET ${spec.service}/events/stream: ${response.status} ${await response.text()}`,
      );
    const stream = response.body!.getReader();
    streams.push(stream);
    readers.push(readTail(stream, receipts, i));
  }

  let publishErrors = 0;
  const publishMs: number[] = [];
  const firstError: string[] = [];
  const publishThroughApi = async (seq: number) => {
    const e = events[seq]!;
    const sentAt = performance.now();
    const response = await publishRoute.POST(
      new NextRequest(`http://localhost/api/events?region=${e.region}`, {
        method: "POST",
        headers: { ...e.headers, "ce-benchsent": sentAt.toFixed(3) },
        body: e.body,
      }),
      { params: Promise.resolve({}) },
    );
    if (seq >= warmup) publishMs.push(performance.now() - sentAt);
    if (response.status !== 202) {
      publishErrors += 1;
      if (!firstError.length) firstError.push(`${response.status} ${await response.text()}`);
    } else await response.arrayBuffer();
  };

  await publishAtRate(0, warmup, publishThroughApi);
  await waitFor(() => receipts.missing(warmup) === 0, DRAIN_MS);
  const before = memory();
  receipts.clientMs = 0;
  const heapSamples: number[] = [];
  const sampler = setInterval(() => heapSamples.push(process.memoryUsage().heapUsed / 2 ** 20), 1000);
  statements?.start();
  const tailRun = await publishAtRate(warmup, total, publishThroughApi);
  await waitFor(() => receipts.missing() === 0, DRAIN_MS);
  const breakdown = statements?.stop();
  clearInterval(sampler);
  const after = memory();
  const tail: Side = {
    label: "tail (portal)",
    run: tailRun,
    latencies: receipts.timed(),
    receipts,
    publishErrors,
    publishMs,
  };
  const cursor = await prisma.busCursor.findUnique({ where: { name: "dispatcher" } });
  const deliveries = await prisma.delivery.count();

  // Readers cancel their streams (the route then closes its tail), as a browser going away does.
  for (const s of streams) await s.cancel().catch(() => {});
  await Promise.all(readers);
  await workers.stop();
  await eventBus().close();

  // The raw side: the same events at the same rate, straight on the driver.
  const query = await driverQuery(database);
  const rawEvents = prepareEvents(total, specs, "raw");
  const rawReceipts = new Receipts(rawEvents, CLIENTS, warmup);
  const audiences = rawEvents.map((e) => new Set(e.audience));
  const listeners = specs.map((spec, i) => {
    const regions = new Set(
      demoService(spec.service).regions.filter((r) => !spec.region || r === spec.region),
    );
    return (message: { region: string; seq: number; sentAt: number }, at: number) => {
      if (regions.has(message.region) && audiences[message.seq]?.has(i))
        rawReceipts.receive(i, message.seq, message.sentAt, at);
    };
  });
  const [{ max }] = (await query(`SELECT COALESCE(max(seq), 0)::text AS max FROM "BusEvent"`)).rows as [
    { max: string },
  ];
  let last = BigInt(max);
  let reading: Promise<void> | null = null;
  let again = false;
  const readNew = async () => {
    for (;;) {
      const { rows } = await query(RAW_READ, [last.toString()]);
      const at = performance.now();
      for (const row of rows) {
        last = BigInt(row.seq as string);
        const extensions = row.extensions as Record<string, string>;
        const message = {
          region: row.region as string,
          seq: Number(extensions.benchseq),
          sentAt: Number(extensions.benchsent),
        };
        for (const listener of listeners) listener(message, at);
      }
      if (rows.length < 500) return;
    }
  };
  const wake = () => {
    if (reading) return void (again = true);
    reading = readNew().finally(() => {
      reading = null;
      if (again) {
        again = false;
        wake();
      }
    });
  };
  const unlisten = await database.listen(RAW_CHANNEL, wake);
  let rawErrors = 0;
  const rawPublishMs: number[] = [];
  const publishRaw = async (seq: number) => {
    const e = rawEvents[seq]!;
    const sentAt = performance.now();
    try {
      await query(RAW_INSERT, [
        e.region,
        e.attributes.id,
        e.attributes.type,
        e.attributes.source,
        e.attributes.subject,
        null,
        "application/json",
        null,
        JSON.stringify({
          ...e.attributes.extensions,
          benchsent: sentAt.toFixed(3),
          actor: "dev@meridian.local",
        }),
        Buffer.from(e.body),
      ]);
    } catch (error) {
      rawErrors += 1;
      if (!firstError.length) firstError.push(`raw: ${(error as Error).message}`);
    }
    if (seq >= warmup) rawPublishMs.push(performance.now() - sentAt);
  };
  await publishAtRate(0, warmup, publishRaw);
  await waitFor(() => rawReceipts.missing(warmup) === 0, DRAIN_MS);
  statements?.start();
  const rawRun = await publishAtRate(warmup, total, publishRaw);
  await waitFor(() => rawReceipts.missing() === 0, DRAIN_MS);
  const rawBreakdown = statements?.stop();
  await unlisten();
  await reading;
  const raw: Side = {
    label: "raw",
    run: rawRun,
    latencies: rawReceipts.timed(),
    receipts: rawReceipts,
    publishErrors: rawErrors,
    publishMs: rawPublishMs,
  };

  const sides = [tail, raw];
  const p = (side: Side, q: number) => quantile(side.latencies, q);
  const measured = total - warmup;
  console.log(
    table([
      ["side", "events/s", "receipts", "p50", "p95", "p99", "max", "publish p50", "publish p99", "errors"],
      ...sides.map((s) => [
        s.label,
        s.run.rate.toFixed(0),
        s.latencies.length.toLocaleString("en"),
        ms(p(s, 0.5)),
        ms(p(s, 0.95)),
        ms(p(s, 0.99)),
        ms(p(s, 1)),
        ms(median(s.publishMs)),
        ms(quantile(s.publishMs, 0.99)),
        String(s.publishErrors + s.receipts.errors()),
      ]),
    ]),
  );
  const p99 = p(tail, 0.99);
  const errors = tail.publishErrors + receipts.errors();
  const growth = after.heap - before.heap;
  console.log(
    [
      ``,
      ...sides.map(
        (s) =>
          `${s.label}: main thread ${(s.run.elu * 100).toFixed(0)}% busy (event-loop utilisation), its CPU ${(s.run.mainCpuMs / measured).toFixed(2)} ms per event (the clients' own reading ${(s.receipts.clientMs / measured).toFixed(2)} ms of it), all threads ${(s.run.cpuMs / measured).toFixed(2)} ms; publisher at most ${ms(s.run.lateMs)} behind schedule`,
      ),
      `dispatcher cursor at seq ${cursor?.seq ?? "?"}, ${deliveries.toLocaleString("en")} inbox deliveries written; load average now ${load()}`,
      `ratio (tail / raw): p50 ${(p(tail, 0.5) / p(raw, 0.5)).toFixed(2)}x, p99 ${(p99 / p(raw, 0.99)).toFixed(2)}x`,
      `memory (after a full GC, start → end of the measured ${SECONDS} s): heap ${mb(before.heap)} → ${mb(after.heap)} (${signedMb(growth)}), RSS ${mb(before.rss)} → ${mb(after.rss)} (${signedMb(after.rss - before.rss)}), external ${mb(before.external)} → ${mb(after.external)}; heap sampled every second without GC ${mb(Math.min(...heapSamples))}-${mb(Math.max(...heapSamples))}`,
      `errors: non-202 publishes ${tail.publishErrors}, dropped ${receipts.dropped}, missing receipts ${receipts.missing()}, unexpected ${receipts.unexpected}, duplicates ${receipts.duplicates}${raw.publishErrors + rawReceipts.errors() ? `; raw side: failed inserts ${raw.publishErrors}, missing ${rawReceipts.missing()}, unexpected ${rawReceipts.unexpected}, duplicates ${rawReceipts.duplicates}` : ""}${firstError.length ? `; first: ${firstError[0]}` : ""}`,
    ].join("\n"),
  );
  for (const [label, rows] of [
    ["tail", breakdown],
    ["raw", rawBreakdown],
  ] as const) {
    if (!rows) continue;
    const busy = rows.reduce((n, [, k]) => n + k.ms, 0);
    const count = rows.reduce((n, [, k]) => n + k.count, 0);
    console.log(
      `\nSQL executed by PGlite in the measured window (${label} side): ${count} statements, ${ms(busy)} inside PGlite's WebAssembly (${((busy / (SECONDS * 1000)) * 100).toFixed(0)}% of the window)`,
    );
    console.log(
      table([
        ["statement", "count", "per event", "total", "per statement"],
        ...rows
          .slice(0, 12)
          .map(([kind, k]) => [
            kind,
            String(k.count),
            (k.count / measured).toFixed(2),
            ms(k.ms),
            ms(k.ms / k.count),
          ]),
      ]),
    );
  }
  console.log(
    [
      ``,
      `p99 ${ms(p99)} — goal <= ${GOAL_MS} ms: ${p99 <= GOAL_MS ? "MET" : "NOT MET"}`,
      `errors ${errors} — goal 0: ${errors === 0 ? "MET" : "NOT MET"}`,
      `heap growth ${signedMb(growth)} — goal <= ${HEAP_GROWTH_GOAL_MB} MB (stable): ${growth <= HEAP_GROWTH_GOAL_MB ? "MET" : "NOT MET"}`,
    ].join("\n"),
  );
}

runBench(main);
