// npx tsx --conditions=react-server bench/replay.ts (part of `npm run bench`)
//
// Replay on the embedded default, rate limit off: BENCH_REPLAY_EVENTS recorded events of one demo
// type (dev.meridian.checkout.order.placed, ~300-byte JSON payloads, three extensions), filled
// into "RecordedEvent" with generate_series, replayed to one trigger (inventory-service's). The
// job is created by the real `POST /api/replays` handler in-process (as grace@meridian.dev, owner,
// confirmed) at the API's maximum rate, 10,000 events/s; its rate is then raised to 10^9 in the
// database, so keepRate never sleeps and the batches stay at their maximum size (500, the size a
// 10,000/s job uses too). It is run by this process's worker functions (claimNextReplay +
// executeReplay), timed from the claim until executeReplay returns with the job `completed`.
// Against, in the same run: the same rows read in the same keyset batches (the archive's own
// statement, on the driver underneath Prisma) and equivalent rows (new ids, the replay marks)
// written into the same table ("BusEvent") with one raw INSERT per batch, in two forms: a
// multi-row INSERT … VALUES (11 bind parameters a row) and INSERT … SELECT FROM jsonb_to_recordset
// (the batch as one JSON parameter, the form the replay's insertBusEvents uses, and on PGlite the
// faster of the two). Every side first runs once on BENCH_REPLAY_WARMUP_EVENTS other events.
// Goal: replay >= 0.5x the faster raw form (events/s).
//
// Memory: the process's RSS and V8 heap sampled every 100 ms during the replay of
// BENCH_REPLAY_EVENTS and, on a second window filled afterwards, of BENCH_REPLAY_LARGE_EVENTS.
// Goal: peak RSS of the large replay <= 1.2x that of the small one. PGlite runs in this process,
// so the RSS includes the embedded database (its WebAssembly memory never shrinks).
//
//   BENCH_REPLAY_EVENTS=100000        events in the throughput (and small memory) replay
//   BENCH_REPLAY_LARGE_EVENTS=1000000 events in the large memory replay (0: skip it)
//   BENCH_REPLAY_WARMUP_EVENTS=5000   events of the warm-up run of every side
//   BENCH_DATABASE_URL / BENCH_KEEP as for catalog-search.ts

import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { PrismaClient } from "@/generated/prisma/client";
import { openBenchDatabase } from "./database";
import { reachDriver, type Driver } from "./driver";
import { runBench } from "./run";
import { table } from "./stats";
import { BenchFailure } from "./verify";

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const LARGE_EVENTS = Number(process.env.BENCH_REPLAY_LARGE_EVENTS ?? 1_000_000);
const WARMUP_EVENTS = Number(process.env.BENCH_REPLAY_WARMUP_EVENTS ?? 5_000);
const TYPE = "dev.meridian.checkout.order.placed";
const SERVICE = "inventory-service";
const TRIGGER = "inventory-service-order-placed";
const OWNER = "grace@meridian.dev";
/** The API's maximum rate (lib/replays.ts MAX_RATE), what the job is created with. */
const API_RATE = 10_000;
/** What the job's rate is raised to before it runs: keepRate never waits. */
const UNLIMITED_RATE = 1e9;
/** The executor's batch at this rate (execute-replay.ts MAX_BATCH), used by the raw side too. */
const BATCH = 500;
const FILL_CHUNK = 100_000;
const SAMPLE_MS = 100;
/** replay >= THROUGHPUT_GOAL x raw. */
const THROUGHPUT_GOAL = 0.5;
/** peak(large) <= MEMORY_GOAL x peak(small). */
const MEMORY_GOAL = 1.2;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms).toLocaleString("en")} events/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString("en");

/** A window of recorded events: `count` events one millisecond apart from `from`. */
interface Window {
  label: string;
  from: Date;
  to: Date;
  count: number;
}

/** Fills a window with generate_series, FILL_CHUNK rows a statement. `first` keeps busEventSeq unique. */
async function fill(prisma: PrismaClient, window: Window, first: number): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < window.count; start += FILL_CHUNK) {
    const end = Math.min(window.count, start + FILL_CHUNK) - 1;
    await prisma.$executeRawUnsafe(
      `INSERT INTO "RecordedEvent" ("busEventSeq", type, region, "eventId", source, subject, time,
         datacontenttype, extensions, data)
       SELECT $1::bigint + g, $2, (ARRAY['us-central1', 'europe-west1', 'asia-northeast1'])[1 + g % 3],
         'bench-' || g, '//checkout-api/orders', 'orders/ord_' || g,
         $3::timestamptz + g * interval '1 millisecond', 'application/json',
         jsonb_build_object('traceparent', '00-' || md5(g::text) || '-' || substr(md5((g + 7)::text), 1, 16) || '-01',
           'tier', (ARRAY['gold', 'basic', 'basic'])[1 + g % 3], 'channel', 'web'),
         convert_to(json_build_object(
           'orderId', 'ord_' || g,
           'customerId', 'cus_' || (10000 + g % 90000),
           'items', json_build_array(
             json_build_object('sku', (ARRAY['sku-kettle-1l', 'sku-mug-blue', 'sku-teapot'])[1 + g % 3], 'quantity', 1 + g % 3),
             json_build_object('sku', 'sku-filter-papers', 'quantity', 2)),
           'total', json_build_object('amount', to_char(5 + (g % 19500) / 100.0, 'FM99990.00'), 'currency', 'EUR'),
           'shipping', json_build_object('method', 'standard', 'country', 'DE', 'postcode', '10115'),
           'placedAt', to_char($3::timestamptz + g * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'channel', 'web'
         )::text, 'UTF8')
       FROM generate_series($4::int, $5::int) AS g`,
      first,
      TYPE,
      window.from,
      start,
      end,
    );
  }
  await prisma.$executeRawUnsafe(`ANALYZE "RecordedEvent"`);
  return performance.now() - t0;
}

/** Peak RSS and heap, sampled every SAMPLE_MS while `fn` runs. */
async function sampled<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; rss: number; heap: number; before: number }> {
  const before = process.memoryUsage().rss;
  let rss = before;
  let heap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const result = await fn();
    sample();
    return { result, rss, heap, before };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const { prisma, database } = await openBenchDatabase();
  const driver = await reachDriver(database);
  if (!driver) throw new BenchFailure("the driver underneath Prisma is not reachable");

  const [{ POST }, { NextRequest }, { claimNextReplay }, { executeReplay }] = await Promise.all([
    import("@/app/api/replays/route"),
    import("next/server"),
    import("@/server/services/replays/claim-replay"),
    import("@/server/services/replays/execute-replay"),
  ]);
  const trigger = await prisma.trigger.findUniqueOrThrow({ where: { name: TRIGGER }, select: { id: true } });

  // Windows in the last days (a replay window spans at most 31 days), far enough apart not to overlap.
  const day = 86_400_000;
  const base = Math.floor(Date.now() / day) * day - 3 * day;
  const small: Window = { label: "small", from: new Date(base), to: new Date(base + day), count: EVENTS };
  const warmup: Window = {
    label: "warm-up",
    from: new Date(base + 2 * day),
    to: new Date(base + 2 * day + 3_600_000),
    count: WARMUP_EVENTS,
  };
  const large: Window = {
    label: "large",
    from: new Date(base + day),
    to: new Date(base + 2 * day),
    count: LARGE_EVENTS,
  };

  const fillMs = await fill(prisma, small, 1e12);
  const [payload] = await driver.run(
    `SELECT avg(octet_length(data))::float AS data, avg(octet_length(extensions::text))::float AS ext FROM "RecordedEvent" WHERE type = $1 AND time >= $2 AND time < $3`,
    [TYPE, small.from, small.to],
  );
  console.log(
    `recorded: ${count(EVENTS)} events of ${TYPE} filled in ${seconds(fillMs)} (payload ${Number(payload!.data).toFixed(0)} bytes, extensions ${Number(payload!.ext).toFixed(0)} bytes on average)`,
  );

  /** Creates the job through the API, lifts its rate, and runs it to completion; milliseconds. */
  const replay = async (window: Window): Promise<number> => {
    const response = await POST(
      new NextRequest("http://localhost/api/replays", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `meridian_dev_user=${encodeURIComponent(OWNER)}`,
        },
        body: JSON.stringify({
          service: SERVICE,
          selection: { types: [TYPE], from: window.from.toISOString(), to: window.to.toISOString() },
          target: { kind: "trigger", trigger: TRIGGER },
          ratePerSecond: API_RATE,
          confirm: SERVICE,
        }),
      }),
      { params: Promise.resolve({}) },
    );
    if (response.status !== 202)
      throw new BenchFailure(`POST /api/replays: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    await prisma.replayJob.update({ where: { id }, data: { ratePerSecond: UNLIMITED_RATE } });
    const start = performance.now();
    const claimed = await claimNextReplay(prisma, "bench");
    if (claimed !== id) throw new BenchFailure(`claimed ${claimed}, expected ${id}`);
    await executeReplay(prisma, id, "bench");
    const elapsed = performance.now() - start;
    const job = await prisma.replayJob.findUniqueOrThrow({ where: { id } });
    const written = await prisma.busEvent.count({ where: { replayJobId: id } });
    if (job.status !== "completed" || job.sent !== window.count || written !== window.count)
      throw new BenchFailure(
        `replay of ${window.label}: ${job.status}, total ${job.total}, sent ${job.sent}, ${written} rows written (expected ${window.count})`,
      );
    return elapsed;
  };

  const rawJob = randomUUID();
  const raw = (window: Window, form: RawForm) => rawReplay(driver, window, form, trigger.id, rawJob);

  console.log(
    [
      `replay: POST /api/replays (${SERVICE}, trigger ${TRIGGER}, ${count(EVENTS)} events, rate ${count(API_RATE)}/s, then raised to 1e9/s in the database so keepRate never sleeps) → claimNextReplay + executeReplay until completed, batches of ${BATCH}`,
      `raw: the same keyset batches of ${BATCH} read with the archive's SELECT, then one INSERT into "BusEvent" per batch, directly on ${driver.name}: a multi-row INSERT … VALUES (11 bind parameters a row), and INSERT … SELECT FROM jsonb_to_recordset (the batch as one JSON parameter, as the replay writes it); the ratio is against the faster`,
      `after a warm-up of every side on ${count(WARMUP_EVENTS)} other events; one timed run each, memory sampled during the replay
`,
    ].join("\n"),
  );

  await fill(prisma, warmup, 3e12);
  await raw(warmup, "values");
  await raw(warmup, "recordset");
  await replay(warmup);

  const values = await raw(small, "values");
  const recordset = await raw(small, "recordset");
  const smallRun = await sampled(() => replay(small));
  const rawMs = Math.min(values, recordset);
  const replayMs = smallRun.result;
  const throughput = rawMs / replayMs; // (EVENTS / replayMs) / (EVENTS / rawMs)

  console.log(
    table([
      ["side", "events", "time", "throughput"],
      ["replay", count(EVENTS), seconds(replayMs), rate(EVENTS, replayMs)],
      ["raw, INSERT … VALUES", count(EVENTS), seconds(values), rate(EVENTS, values)],
      [
        "raw, INSERT … SELECT FROM jsonb_to_recordset",
        count(EVENTS),
        seconds(recordset),
        rate(EVENTS, recordset),
      ],
    ]),
  );
  console.log(
    `\nthroughput ratio (replay / faster raw, events/s): ${throughput.toFixed(2)}x — goal >= ${THROUGHPUT_GOAL}x: ${throughput >= THROUGHPUT_GOAL ? "MET" : "MISSED"}`,
  );

  if (LARGE_EVENTS <= 0) return void console.log(`\nmemory: skipped (BENCH_REPLAY_LARGE_EVENTS=0)`);
  const largeFillMs = await fill(prisma, large, 2e12);
  const largeRun = await sampled(() => replay(large));
  console.log(
    `\nmemory, sampled every ${SAMPLE_MS} ms during each replay (${count(LARGE_EVENTS)} more events filled in ${seconds(largeFillMs)} before the second):`,
  );
  console.log(
    table([
      ["replay", "time", "throughput", "RSS before", "peak RSS", "peak heap"],
      [
        `${count(EVENTS)} events`,
        seconds(replayMs),
        rate(EVENTS, replayMs),
        mb(smallRun.before),
        mb(smallRun.rss),
        mb(smallRun.heap),
      ],
      [
        `${count(LARGE_EVENTS)} events`,
        seconds(largeRun.result),
        rate(LARGE_EVENTS, largeRun.result),
        mb(largeRun.before),
        mb(largeRun.rss),
        mb(largeRun.heap),
      ],
    ]),
  );
  const memory = largeRun.rss / smallRun.rss;
  console.log(
    `\npeak RSS ratio (${count(LARGE_EVENTS)} / ${count(EVENTS)}): ${memory.toFixed(2)}x — goal <= ${MEMORY_GOAL}x: ${memory <= MEMORY_GOAL ? "MET" : "MISSED"} (peak heap ${(largeRun.heap / smallRun.heap).toFixed(2)}x)`,
  );
}

type RawForm = "values" | "recordset";

/**
 * The raw side: the archive's keyset SELECT per batch, then the batch as one INSERT into
 * "BusEvent" with new ids and the replay marks, as the replay writes them; milliseconds.
 */
async function rawReplay(
  driver: Driver,
  window: Window,
  form: RawForm,
  triggerId: string,
  job: string,
): Promise<number> {
  const select = (after: { time: Date; id: unknown } | null) =>
    driver.run(
      `SELECT id, type, region, "eventId", source, subject, time, datacontenttype, extensions, data
       FROM "RecordedEvent"
       WHERE type = $1 AND time >= $2::timestamptz AND time < $3::timestamptz${
         after ? ` AND (time, id) > ($5::timestamptz, $6::bigint)` : ""
       }
       ORDER BY time, id LIMIT $4`,
      [TYPE, window.from, window.to, BATCH, ...(after ? [after.time, after.id] : [])],
    );
  const columns = `region, "eventId", type, source, subject, time, datacontenttype, extensions, data, "replayJobId", "targetTriggerId"`;
  const marks = (r: Record<string, unknown>) => ({
    ...(r.extensions as object),
    actor: OWNER,
    replayid: job,
    replayedfrom: r.eventId,
  });
  const insert = async (rows: Record<string, unknown>[]) => {
    if (form === "recordset") {
      const batch = rows.map((r) => ({
        region: r.region,
        eventId: randomUUID(),
        type: r.type,
        source: r.source,
        subject: r.subject,
        time: r.time,
        datacontenttype: r.datacontenttype,
        extensions: marks(r),
        data: Buffer.from(r.data as Uint8Array).toString("base64"),
      }));
      return driver.run(
        `INSERT INTO "BusEvent" (${columns})
         SELECT region, "eventId", type, source, subject, time, datacontenttype, extensions, decode(data, 'base64'),
           $2::uuid, $3::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(region text, "eventId" text, type text, source text,
           subject text, time timestamptz, datacontenttype text, extensions jsonb, data text)`,
        [JSON.stringify(batch), job, triggerId],
      );
    }
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const first = params.length;
      params.push(
        r.region,
        randomUUID(),
        r.type,
        r.source,
        r.subject,
        r.time,
        r.datacontenttype,
        JSON.stringify(marks(r)),
        r.data,
        job,
        triggerId,
      );
      return `(${Array.from({ length: 11 }, (_, i) => `$${first + i + 1}`).join(", ")})`;
    });
    return driver.run(`INSERT INTO "BusEvent" (${columns}) VALUES ${values.join(", ")}`, params);
  };
  const start = performance.now();
  let after: { time: Date; id: unknown } | null = null;
  let written = 0;
  for (;;) {
    const rows = await select(after);
    if (!rows.length) break;
    await insert(rows);
    written += rows.length;
    const last = rows.at(-1)!;
    after = { time: last.time as Date, id: last.id };
  }
  const elapsed = performance.now() - start;
  if (written !== window.count)
    throw new BenchFailure(`raw side (${form}) wrote ${written} rows, expected ${window.count}`);
  return elapsed;
}

runBench(main);
