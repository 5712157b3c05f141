// npx tsx --conditions=react-server bench/alerts.ts (part of `npm run bench`)
//
// Alert evaluation: every portal alert policy of every deployed demo service evaluated as the
// alert worker does it (server/services/alerts/evaluate-policies.ts: one read per distinct query
// through the embedded MetricsSource, the values per region and overall, the judgement), against
// the raw metric reads it needs: for each window the plan reads, ONE hand-written SQL statement on
// the driver underneath Prisma fetching every raw point of the fleet's series of the metric types
// read over that window. The goal is evaluation <= 2x raw; it reports the ratio and exits 0 unless
// something is broken.
//
//   BENCH_ALERTS_ITERATIONS=10   timed iterations per side (after BENCH_ALERTS_WARMUP=2)
//   BENCH_DATABASE_URL / BENCH_RAW / BENCH_KEEP as for catalog-search.ts

import { performance } from "node:perf_hooks";
import { openBenchDatabase } from "./database";
import { reachDriver, type RawRunner } from "./driver";
import { time } from "./measure";
import { RAW_THROUGH_PRISMA } from "./settings";
import { median, ms, p95, table } from "./stats";
import { runBench } from "./run";
import { BenchFailure } from "./verify";

const ITERATIONS = Number(process.env.BENCH_ALERTS_ITERATIONS ?? 10);
const WARMUP = Number(process.env.BENCH_ALERTS_WARMUP ?? 2);
/** Evaluation <= GOAL x raw. */
const GOAL = 2;

async function main() {
  const { prisma, database } = await openBenchDatabase();
  const { writeDemoTraffic } = await import("@/server/services/metrics/demo-traffic");
  const t0 = performance.now();
  const run = await writeDemoTraffic(prisma, Date.now());
  await prisma.$executeRawUnsafe(`ANALYZE`);
  console.log(
    `demo traffic: ${run ? run.points.toLocaleString("en") : 0} points written in ${ms(performance.now() - t0)}`,
  );

  const [{ loadDeployedPolicies }, { evaluatePolicies }, { planAlertReads }, { embeddedMetricsSource }] =
    await Promise.all([
      import("@/server/services/alerts/load-service-policies"),
      import("@/server/services/alerts/evaluate-policies"),
      import("@/server/services/alerts/plan-alert-reads"),
      import("@/server/integrations/embedded-metrics/embedded-source"),
    ]);
  const services = await loadDeployedPolicies(prisma);
  const policies = services.reduce((n, s) => n + s.policies.length, 0);
  // The store itself, without the portal's result cache: every evaluation really reads.
  const source = embeddedMetricsSource(async () => prisma);
  const now = Date.now();

  const evaluate = () =>
    Promise.all(services.map((s) => evaluatePolicies(source, s.policies, s.regions, now)));

  // The raw side: per distinct window of the fleet's plans, the points of every series of the
  // fleet's services of the metric types read over it.
  const windows = new Map<string, { from: Date; to: Date; step: number; types: Set<string> }>();
  let reads = 0;
  for (const s of services)
    for (const read of planAlertReads(s.policies, now).reads) {
      reads++;
      const key = `${read.window.from.getTime()}|${read.window.to.getTime()}|${read.window.stepSeconds}`;
      const w = windows.get(key) ?? {
        from: read.window.from,
        to: read.window.to,
        step: read.window.stepSeconds,
        types: new Set<string>(),
      };
      w.types.add(read.query.metricType);
      windows.set(key, w);
    }
  const names = services.map((s) => `'${s.name}'`).join(", ");
  const rawSql = [...windows.values()].map(
    (w) => `SELECT p."seriesId", p.ts, p.sum, p.count, p.max, p."bucketOffset", p.buckets
FROM "MetricSeries" s JOIN "MetricPoint" p ON p."seriesId" = s.id
WHERE s.service IN (${names}) AND s."metricType" IN (${[...w.types].map((t) => `'${t}'`).join(", ")})
  AND p.resolution = ${w.step === 60 ? 60 : 600}
  AND p.ts >= '${w.from.toISOString()}'::timestamptz AND p.ts < '${w.to.toISOString()}'::timestamptz`,
  );

  const driver = await reachDriver(database);
  const useDriver = driver && !RAW_THROUGH_PRISMA;
  const runner: RawRunner = useDriver
    ? driver.run
    : (sql) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  const raw = async () => {
    let rows = 0;
    for (const sql of rawSql) rows += (await runner(sql)).length;
    return rows;
  };
  console.log(
    [
      `evaluation: ${policies} policies of ${services.length} deployed services, ${reads} reads through the embedded MetricsSource (no cache), values per region and overall, judged`,
      `raw: ${rawSql.length} SQL statements (one per window: MetricSeries JOIN MetricPoint of the metric types read), ${
        useDriver
          ? `directly on the underlying driver (${driver.name})`
          : `through prisma.$queryRawUnsafe${driver ? "" : " (the driver was not reachable)"}`
      }`,
      `${WARMUP} warm-up + ${ITERATIONS} timed iterations per side, alternating\n`,
    ].join("\n"),
  );

  // Both answer before anything is timed, and the evaluation judged something.
  const first = await evaluate();
  const judged = first.flat().flatMap((e) => [...e.judgements.values()]);
  const failed = first.flat().filter((e) => e.values.error);
  if (failed.length)
    throw new BenchFailure(
      `reads failed: ${failed.map((e) => `${e.policy.id}: ${e.values.error}`).join("; ")}`,
    );
  const states = judged.reduce<Record<string, number>>(
    (m, j) => ({ ...m, [j.state]: (m[j.state] ?? 0) + 1 }),
    {},
  );
  if (!(states.ok ?? 0))
    throw new BenchFailure(`no policy is ok on the demo traffic: ${JSON.stringify(states)}`);
  const rows = await raw();
  if (!rows) throw new BenchFailure("the raw statements found no points");

  for (let i = 0; i < WARMUP; i++) {
    await evaluate();
    await raw();
  }
  const evalTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const sides = [
      async () => evalTimes.push(await time(evaluate)),
      async () => rawTimes.push(await time(raw)),
    ];
    if (i % 2) sides.reverse();
    for (const side of sides) await side();
  }
  driver?.tap.start();
  await evaluate();
  const statements = driver ? driver.tap.stop().length : NaN;
  const ratio = median(evalTimes) / median(rawTimes);

  console.log(
    table([
      ["side", "median", "p95", "returned"],
      [
        "evaluation",
        ms(median(evalTimes)),
        ms(p95(evalTimes)),
        `${judged.length} states (${Object.entries(states)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}), ${Number.isNaN(statements) ? "?" : statements} SQL`,
      ],
      ["raw", ms(median(rawTimes)), ms(p95(rawTimes)), `${rows} rows (points)`],
    ]),
  );
  console.log(
    `\nratio (median evaluation / median raw): ${ratio.toFixed(2)}x — goal <= ${GOAL}x: ${ratio <= GOAL ? "MET" : "NOT MET"}`,
  );
}

runBench(main);
