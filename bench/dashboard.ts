// npx tsx --conditions=react-server bench/dashboard.ts (the second half of `npm run bench`)
//
// A service dashboard: the real `GET /api/services/[name]/dashboard` handler for checkout-api over
// the 6h range (60 s step), called in-process, against ONE hand-written SQL statement on the driver
// underneath Prisma that fetches the same raw points (every 1-minute MetricPoint in the window of
// every MetricSeries of the service). The goal is API <= 2x raw; the benchmark reports the ratio
// and exits 0 unless something is broken.
//
//   BENCH_DASHBOARD_ITERATIONS=10   timed iterations per side (after BENCH_DASHBOARD_WARMUP=2)
//   BENCH_DATABASE_URL / BENCH_RAW / BENCH_KEEP as for catalog-search.ts
//
// The metrics source caches results (MERIDIAN_DASHBOARD_CACHE_SECONDS, 30 s by default); it is set
// to 0 here before any app module reads the environment, so every API call really queries.

import { performance } from "node:perf_hooks";
import type { DashboardResponse } from "@/lib/dashboards/dashboard-response";
import { openBenchDatabase } from "./database";
import { reachDriver, type RawRunner } from "./driver";
import { time } from "./measure";
import { RAW_THROUGH_PRISMA } from "./settings";
import { median, ms, p95, table } from "./stats";
import { runBench } from "./run";
import { BenchFailure } from "./verify";

const SERVICE = "checkout-api";
const RANGE = "6h";
const RANGE_MS = 6 * 3600_000;
const STEP_SECONDS = 60;
const ITERATIONS = Number(process.env.BENCH_DASHBOARD_ITERATIONS ?? 10);
const WARMUP = Number(process.env.BENCH_DASHBOARD_WARMUP ?? 2);
/** API <= GOAL x raw. */
const GOAL = 2;

/** The route's window for the 6h preset: `to` rounded down to the step, `from` 6 h before it. */
function windowNow(): { from: Date; to: Date } {
  const step = STEP_SECONDS * 1000;
  const to = Math.floor(Date.now() / step) * step;
  return { from: new Date(to - RANGE_MS), to: new Date(to) };
}

/** Every 1-minute point in the window of every series of the service, as one statement. */
function rawSql(): string {
  const { from, to } = windowNow();
  return `SELECT p."seriesId", p.ts, p.sum, p.count, p.max, p."bucketOffset", p.buckets
FROM "MetricSeries" s JOIN "MetricPoint" p ON p."seriesId" = s.id
WHERE s.service = '${SERVICE}' AND p.resolution = ${STEP_SECONDS}
  AND p.ts >= '${from.toISOString()}'::timestamptz AND p.ts < '${to.toISOString()}'::timestamptz
ORDER BY p."seriesId", p.ts`;
}

/** Points the dashboard carries: all, and those with a value. */
function countPoints(body: DashboardResponse): { points: number; values: number; series: number } {
  let points = 0;
  let values = 0;
  let series = 0;
  for (const section of body.sections)
    for (const tile of section.tiles)
      for (const s of tile.series) {
        series++;
        points += s.points.length;
        values += s.points.filter(([, v]) => v !== null).length;
      }
  return { points, values, series };
}

async function main() {
  process.env.MERIDIAN_DASHBOARD_CACHE_SECONDS = "0";
  const { prisma, database } = await openBenchDatabase();

  const { writeDemoTraffic } = await import("@/server/services/metrics/demo-traffic");
  const t0 = performance.now();
  const run = await writeDemoTraffic(prisma, Date.now());
  await prisma.$executeRawUnsafe(`ANALYZE`);
  console.log(
    `demo traffic: ${run ? run.points.toLocaleString("en") : 0} points written in ${ms(performance.now() - t0)}`,
  );
  const seriesRows = await prisma.metricSeries.findMany({
    where: { service: SERVICE },
    select: { region: true },
  });
  const regions = [...new Set(seriesRows.map((s) => s.region))].sort();
  console.log(`${SERVICE}: ${seriesRows.length} series in ${regions.length} regions (${regions.join(", ")})`);

  const [{ GET }, { NextRequest }] = await Promise.all([
    import("@/app/api/services/[name]/dashboard/route"),
    import("next/server"),
  ]);
  const api = async (): Promise<DashboardResponse> => {
    const response = await GET(
      new NextRequest(`http://localhost/api/services/${SERVICE}/dashboard?range=${RANGE}`),
      { params: Promise.resolve({ name: SERVICE }) },
    );
    const body = await response.json();
    if (response.status !== 200)
      throw new BenchFailure(`GET dashboard: ${response.status} ${JSON.stringify(body)}`);
    return body as DashboardResponse;
  };

  const driver = await reachDriver(database);
  const useDriver = driver && !RAW_THROUGH_PRISMA;
  const raw: RawRunner = useDriver
    ? driver.run
    : (sql) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  console.log(
    [
      `API: GET /api/services/${SERVICE}/dashboard?range=${RANGE} called in-process (cache off)`,
      `raw: one SQL statement (MetricSeries JOIN MetricPoint, resolution ${STEP_SECONDS}, the 6 h window), ${
        useDriver
          ? `directly on the underlying driver (${driver.name})`
          : `through prisma.$queryRawUnsafe${driver ? "" : " (the driver was not reachable)"}`
      }`,
      `${WARMUP} warm-up + ${ITERATIONS} timed iterations per side, alternating\n`,
    ].join("\n"),
  );

  // Check both answer before timing anything.
  const first = await api();
  const firstRaw = await raw(rawSql());
  const errors = first.sections.flatMap((s) =>
    s.tiles.filter((t) => t.error).map((t) => `${t.title}: ${t.error}`),
  );
  if (errors.length) throw new BenchFailure(`dashboard tiles failed: ${errors.join("; ")}`);
  if (!firstRaw.length) throw new BenchFailure(`the raw query found no points for ${SERVICE}`);

  for (let i = 0; i < WARMUP; i++) {
    await api();
    await raw(rawSql());
  }
  const apiTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const sides = [
      async () => apiTimes.push(await time(api)),
      async () => rawTimes.push(await time(() => raw(rawSql()))),
    ];
    if (i % 2) sides.reverse();
    for (const side of sides) await side();
  }

  driver?.tap.start();
  const body = await api();
  const statements = driver ? driver.tap.stop().length : NaN;
  const rows = (await raw(rawSql())).length;
  const counted = countPoints(body);
  const ratio = median(apiTimes) / median(rawTimes);

  console.log(
    table([
      ["side", "median", "p95", "returned"],
      [
        "API",
        ms(median(apiTimes)),
        ms(p95(apiTimes)),
        `${counted.points} points (${counted.values} non-null) in ${counted.series} series, ${Number.isNaN(statements) ? "?" : statements} SQL`,
      ],
      ["raw", ms(median(rawTimes)), ms(p95(rawTimes)), `${rows} rows (1-minute points)`],
    ]),
  );
  console.log(
    `\nratio (median API / median raw): ${ratio.toFixed(2)}x — goal <= ${GOAL}x: ${ratio <= GOAL ? "MET" : "NOT MET"}`,
  );
}

runBench(main);
