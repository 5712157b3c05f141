// npm run bench
//
// Catalog search over 10,000 services: the real `GET /api/services` handler, called in-process,
// against one hand-written SQL statement producing the same page and total, timed in the same run.
// The goal is API <= 2x raw; the benchmark reports the ratio and exits 0 unless something is broken
// (for instance the API and the raw query disagree).
//
//   (default)                 a fresh embedded PGlite database in a temporary directory
//   BENCH_DATABASE_URL=...    a fresh database on that PostgreSQL server (created and dropped here)
//   BENCH_ITERATIONS=30       timed iterations per scenario and side (after BENCH_WARMUP=5)
//   BENCH_SERVICES=10000      services to generate (on top of the demo fleet)
//   BENCH_RAW=prisma          run the raw SQL through prisma.$queryRawUnsafe instead of the driver
//   BENCH_BREAKDOWN=1         also time the API's parts (actor, count, findMany, JSON) and list its SQL
//   BENCH_KEEP=1              keep the scratch database / data directory (for EXPLAIN ANALYZE afterwards)
//
// database.ts sets up and removes the database, scenarios.ts holds the scenarios and their SQL,
// sides.ts the two sides, verify.ts checks they agree, measure.ts times them, report.ts prints the
// table, and breakdown.ts is BENCH_BREAKDOWN.

import { breakdown } from "./breakdown";
import { addFleet, openBenchDatabase } from "./database";
import { describeMeasurement, measure } from "./measure";
import { report } from "./report";
import { scenarios } from "./scenarios";
import { BREAKDOWN } from "./settings";
import { describeSides, setUpSides } from "./sides";
import { runBench } from "./run";
import { verifyScenarios } from "./verify";

async function main() {
  const { prisma, database } = await openBenchDatabase();
  await addFleet(prisma);

  const sides = await setUpSides(prisma, database);
  console.log(describeSides(sides));
  console.log(`${describeMeasurement()}\n`);

  await verifyScenarios(scenarios, sides);
  report(await measure(scenarios, sides));
  if (BREAKDOWN) await breakdown(prisma, sides);
}

runBench(main);
