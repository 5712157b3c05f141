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

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createScratchPostgres, type ScratchPostgres } from "@/test/support/test-db";
import { fleetInserts } from "./fleet";
import { geometricMean, median, ms, p95, table } from "./stats";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const BATCH = 1000;
const GOAL = 2;
const BREAKDOWN = ["1", "true"].includes(process.env.BENCH_BREAKDOWN ?? "");
const KEEP = ["1", "true"].includes(process.env.BENCH_KEEP ?? "");

interface Scenario {
  label: string;
  /** The API's query string. */
  query: string;
  /** One hand-written statement giving the same page and, in every row, the total. */
  sql: string;
}

// The raw form: the page plus the total as an uncorrelated scalar subquery (evaluated once, as an
// InitPlan) over the same WHERE. This lets PostgreSQL read the page straight off the name index
// for unfiltered lists; `count(*) OVER ()` would join and count every matching row before LIMIT,
// which made it 3-5x slower than this on the unfiltered and deep pages.
const from = `FROM "Service" s JOIN "Team" t ON t.id = s."teamId"`;
const page = (
  where: string,
  orderAndLimit: string,
) => `SELECT s.name, s.product, s.description, s.kind, s.regions, s.lifecycle, s."isDemo", s."createdAt",
       t.name AS "teamName", t."displayName" AS "teamDisplayName",
       (SELECT count(*) ${from} ${where}) AS total
${from} ${where}
${orderAndLimit}`;

const scenarios: Scenario[] = [
  {
    label: "first page",
    query: "",
    sql: page("", "ORDER BY s.name ASC LIMIT 50 OFFSET 0"),
  },
  {
    label: "search q=pay",
    query: "q=pay",
    sql: page(
      `WHERE (s.name ILIKE '%pay%' OR s.description ILIKE '%pay%' OR t.name ILIKE '%pay%' OR t."displayName" ILIKE '%pay%')`,
      "ORDER BY s.name ASC LIMIT 50 OFFSET 0",
    ),
  },
  {
    label: "kind + region",
    query: "kind=event-receiver&region=europe-west1",
    sql: page(
      `WHERE s.kind = 'event-receiver' AND s.regions && ARRAY['europe-west1']`,
      "ORDER BY s.name ASC LIMIT 50 OFFSET 0",
    ),
  },
  {
    label: "team + lifecycle, newest",
    query: "team=checkout&lifecycle=live&sort=created&dir=desc",
    sql: page(
      `WHERE t.name = 'checkout' AND s.lifecycle = 'live'`,
      `ORDER BY s."createdAt" DESC, s.name ASC LIMIT 50 OFFSET 0`,
    ),
  },
  {
    label: "deep page 40",
    query: "page=40&pageSize=50",
    sql: page("", "ORDER BY s.name ASC LIMIT 50 OFFSET 1950"),
  },
];

/** What both sides are compared on: the page in order, with the fields that filters and sorts touch. */
interface PageResult {
  total: number;
  items: { name: string; team: string; kind: string; lifecycle: string; regions: string[] }[];
}

type RawRunner = (sql: string) => Promise<Record<string, unknown>[]>;

/** The statements a driver runs (and how long the driver took for each), for counting round trips. */
interface Statement {
  sql: string;
  start: number;
  end: number;
}
interface SqlTap {
  start(): void;
  stop(): Statement[];
}

let cleanup: (() => Promise<void>) | undefined;

async function main() {
  // 1. Environment first: the app modules read it (once) when they are first used.
  let scratch: ScratchPostgres | undefined;
  let dataDir: string | undefined;
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    scratch = await createScratchPostgres(serverUrl);
    process.env.DATABASE_URL = scratch.url;
    delete process.env.MERIDIAN_DATA_DIR;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-"));
    process.env.MERIDIAN_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  }
  process.env.MERIDIAN_SEED_DEMO = "true";
  process.env.MERIDIAN_MODE = "embedded";
  process.env.MERIDIAN_DEV_USER = "dev@meridian.local"; // a demo user with a team membership

  const [{ getDb, closeDb }, { GET }, { NextRequest }] = await Promise.all([
    import("@/server/db/client"),
    import("@/app/api/services/route"),
    import("next/server"),
  ]);
  let closed = false;
  cleanup = async () => {
    if (!closed) await closeDb().catch((e) => console.error("closing the database failed:", e));
    closed = true;
    if (KEEP) return void console.log(`kept: ${scratch ? scratch.url : dataDir}`);
    await scratch?.drop().catch((e) => console.error(`dropping ${scratch?.name} failed:`, e));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // 2. Database: migrated and demo-seeded by the portal's own path, then 10,000 more services.
  const t0 = performance.now();
  const prisma = await getDb();
  const handle = await (globalThis as unknown as { meridianDb: Promise<{ database: DatabaseLike }> })
    .meridianDb;
  const database = handle.database;
  const where =
    database.target.kind === "pglite"
      ? `PGlite (embedded) in ${dataDir}`
      : `PostgreSQL, scratch database ${scratch!.name} on ${new URL(serverUrl!).host}`;
  console.log(`database: ${where} (ready in ${ms(performance.now() - t0)})`);

  const t1 = performance.now();
  const teams = await prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  const demo = await prisma.service.findMany({ select: { name: true } });
  for (const sql of fleetInserts({
    teams,
    count: SERVICES,
    batchSize: BATCH,
    existingNames: demo.map((s) => s.name),
  }))
    await prisma.$executeRawUnsafe(sql);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const services = await prisma.service.count();
  console.log(
    `fleet: ${services.toLocaleString("en")} services (${SERVICES.toLocaleString("en")} generated + ${demo.length} demo) in ${teams.length} teams, inserted in batches of ${BATCH} in ${ms(performance.now() - t1)}`,
  );

  // 3. The two sides.
  const driver = await reachDriver(database);
  const useDriver = driver && process.env.BENCH_RAW !== "prisma";
  const raw: RawRunner = useDriver
    ? driver.run
    : (sql) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  const rawHow = useDriver
    ? `directly on the underlying driver (${driver.name}) that Prisma uses`
    : `through prisma.$queryRawUnsafe on the same connection${driver ? "" : " (the driver was not reachable)"}`;

  const api = async (query: string) => {
    const response = await GET(new NextRequest(`http://localhost/api/services${query ? `?${query}` : ""}`), {
      params: Promise.resolve({}),
    });
    const body = await response.json();
    if (response.status !== 200)
      throw new Error(`GET /api/services?${query}: ${response.status} ${JSON.stringify(body)}`);
    return body as {
      total: number;
      items: { name: string; team: { name: string }; kind: string; lifecycle: string; regions: string[] }[];
    };
  };

  console.log(
    `API: GET /api/services called in-process (identity + zod + listServices + Response.json + res.json())`,
  );
  console.log(
    `raw: one hand-written SQL statement per scenario (page joined with "Team" + LIMIT/OFFSET, total as a scalar count(*) subquery), ${rawHow}`,
  );
  console.log(
    `${WARMUP} warm-up rounds over all scenarios, then per scenario ${Math.min(2, WARMUP)} more and ${ITERATIONS} timed iterations, API and raw alternating\n`,
  );

  // 4. Same result on both sides, or the numbers mean nothing.
  let mismatches = 0;
  for (const s of scenarios) {
    const fromApi = apiResult(await api(s.query));
    const fromRaw = rawResult(await raw(s.sql));
    const problem = compare(fromApi, fromRaw);
    if (problem) {
      mismatches++;
      console.error(`MISMATCH in "${s.label}" (${s.query || "no query"}): ${problem}`);
    } else if (!fromApi.items.length) {
      mismatches++;
      console.error(`EMPTY page in "${s.label}": the scenario measures nothing`);
    }
  }
  if (mismatches)
    throw new BenchFailure(`${mismatches} scenario(s) where the API and the raw query disagree`);

  // 5. Timing: warm up (every scenario first, so the first one measured is not the JIT's), then
  // alternate the sides (and swap which goes first every iteration).
  for (let i = 0; i < WARMUP; i++)
    for (const s of scenarios) {
      await api(s.query);
      await raw(s.sql);
    }
  const results: { scenario: Scenario; total: number; api: number[]; raw: number[]; statements: number }[] =
    [];
  for (const s of scenarios) {
    for (let i = 0; i < Math.min(2, WARMUP); i++) {
      await api(s.query);
      await raw(s.sql);
    }
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const sides = [
        async () => apiTimes.push(await time(() => api(s.query))),
        async () => rawTimes.push(await time(() => raw(s.sql))),
      ];
      if (i % 2) sides.reverse();
      for (const side of sides) await side();
    }
    // One more call with the driver tapped, to count the statements it sends.
    driver?.tap.start();
    const { total } = await api(s.query);
    const statements = driver ? driver.tap.stop().length : NaN;
    results.push({ scenario: s, total, api: apiTimes, raw: rawTimes, statements });
  }

  const ratios = results.map((r) => median(r.api) / median(r.raw));
  console.log(
    table([
      [
        "scenario",
        "query",
        "total",
        "API median",
        "API p95",
        "raw median",
        "raw p95",
        "ratio",
        "SQL/API call",
      ],
      ...results.map((r, i) => [
        r.scenario.label,
        r.scenario.query || "(none)",
        String(r.total),
        ms(median(r.api)),
        ms(p95(r.api)),
        ms(median(r.raw)),
        ms(p95(r.raw)),
        `${ratios[i]!.toFixed(2)}x`,
        Number.isNaN(r.statements) ? "?" : String(r.statements),
      ]),
    ]),
  );
  const overall = geometricMean(ratios);
  console.log(
    `\noverall (geometric mean of the median ratios): ${overall.toFixed(2)}x — goal <= ${GOAL}x: ${overall <= GOAL ? "MET" : "NOT MET"}`,
  );
  const over = results.filter((_, i) => ratios[i]! > GOAL).map((r) => r.scenario.label);
  if (over.length) console.log(`scenarios above ${GOAL}x: ${over.join(", ")}`);

  if (BREAKDOWN) await breakdown({ prisma, api, raw, driver });
}

// ---------------------------------------------------------------------------------------------------
// The driver underneath Prisma, reached through the handle server/db/client.ts keeps on globalThis.

interface DatabaseLike {
  target: { kind: "pglite" | "postgres" };
  factory: { connect(): Promise<unknown> };
}

interface Driver {
  name: string;
  run: RawRunner;
  tap: SqlTap;
}

type QueryFn = (...args: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

async function reachDriver(database: DatabaseLike): Promise<Driver | undefined> {
  let target: { query: QueryFn } | undefined;
  let name: string;
  if (database.target.kind === "pglite") {
    // pglite-prisma-adapter's factory holds the PGlite instance it was built with.
    target = (database.factory as unknown as { client?: { query: QueryFn } }).client;
    name = "the PGlite instance";
  } else {
    // adapter-pg's adapter hands out its pg.Pool; the shim in adapter.ts keeps that method.
    const adapter = (await database.factory.connect()) as { underlyingDriver?: () => { query: QueryFn } };
    target = adapter.underlyingDriver?.();
    name = "the pg.Pool";
  }
  if (!target || typeof target.query !== "function") return undefined;
  const driver = target;
  const original = driver.query;
  const query: QueryFn = original.bind(driver);
  let seen: Statement[] = [];
  return {
    name,
    run: async (sql) => (await query(sql)).rows,
    tap: {
      start() {
        seen = [];
        driver.query = (...args: unknown[]) => {
          const first = args[0] as string | { text: string };
          const statement = {
            sql: typeof first === "string" ? first : first.text,
            start: performance.now(),
            end: NaN,
          };
          seen.push(statement);
          return query(...args).finally(() => (statement.end = performance.now()));
        };
      },
      stop() {
        driver.query = original;
        return seen;
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------

function apiResult(body: {
  total: number;
  items: { name: string; team: { name: string }; kind: string; lifecycle: string; regions: string[] }[];
}): PageResult {
  return {
    total: body.total,
    items: body.items.map((s) => ({
      name: s.name,
      team: s.team.name,
      kind: s.kind,
      lifecycle: s.lifecycle,
      regions: s.regions,
    })),
  };
}

function rawResult(rows: Record<string, unknown>[]): PageResult {
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      name: String(r.name),
      team: String(r.teamName),
      kind: String(r.kind),
      lifecycle: String(r.lifecycle),
      regions: parseTextArray(r.regions),
    })),
  };
}

/** Drivers return text[] as an array, but an unregistered array type may arrive as `{a,b}`. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text === "{}" ? [] : text.slice(1, -1).split(",");
}

function compare(api: PageResult, raw: PageResult): string | undefined {
  if (api.total !== raw.total) return `total ${api.total} (API) != ${raw.total} (raw)`;
  if (api.items.length !== raw.items.length)
    return `${api.items.length} items (API) != ${raw.items.length} (raw)`;
  for (let i = 0; i < api.items.length; i++) {
    const a = JSON.stringify(api.items[i]);
    const b = JSON.stringify(raw.items[i]);
    if (a !== b) return `item ${i}: ${a} (API) != ${b} (raw)`;
  }
  return undefined;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

class BenchFailure extends Error {}

/** The length of the union of the statements' [start, end] intervals. */
function inFlight(statements: Statement[]): number {
  let total = 0;
  let until = -Infinity;
  for (const { start, end } of [...statements].sort((a, b) => a.start - b.start)) {
    if (end <= until) continue;
    total += end - Math.max(start, until);
    until = end;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// BENCH_BREAKDOWN=1: where the API's time goes, part by part (each part timed on its own).

async function breakdown(ctx: {
  prisma: import("@/generated/prisma/client").PrismaClient;
  api: (query: string) => Promise<unknown>;
  raw: RawRunner;
  driver: Driver | undefined;
}) {
  const [{ getActor }, { listServices, catalogWhere }, { catalogQuery }, { summarySelect }] =
    await Promise.all([
      import("@/server/services/identity/actor"),
      import("@/server/services/catalog/list-services"),
      import("@/lib/catalog"),
      import("@/server/services/catalog/to-dto"),
    ]);
  const { prisma } = ctx;
  const n = Math.max(10, Math.round(ITERATIONS / 2));
  const sample = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(await time(fn));
    return median(times);
  };
  const noCookies = { headers: new Headers(), cookie: () => undefined };
  // Driver time of one API call: how long at least one of its statements was in flight (count and
  // findMany overlap; on PGlite the second one queues behind the first).
  const driverTime = async (query: string) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      ctx.driver!.tap.start();
      await ctx.api(query);
      times.push(inFlight(ctx.driver!.tap.stop()));
    }
    return median(times);
  };

  console.log(`\nbreakdown (medians of ${n}; each part timed alone, so they need not add up exactly):`);
  const rows: string[][] = [
    [
      "scenario",
      "API",
      "in driver",
      "actor",
      "listServices",
      "count",
      "findMany",
      "JSON",
      "raw (driver)",
      "raw ($queryRaw)",
    ],
  ];
  for (const s of scenarios) {
    const query = catalogQuery.parse(Object.fromEntries(new URLSearchParams(s.query)));
    const where = catalogWhere(query);
    const page = await listServices(prisma, query);
    const findMany = () =>
      prisma.service.findMany({
        where,
        select: summarySelect,
        orderBy:
          query.sort === "created" ? [{ createdAt: query.dir }, { name: "asc" }] : [{ name: query.dir }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
    rows.push([
      s.label,
      ms(await sample(() => ctx.api(s.query))),
      ctx.driver ? ms(await driverTime(s.query)) : "-",
      ms(await sample(() => getActor(noCookies))),
      ms(await sample(() => listServices(prisma, query))),
      ms(await sample(() => prisma.service.count({ where }))),
      ms(await sample(findMany)),
      ms(await sample(() => Response.json(page).json())),
      ctx.driver ? ms(await sample(() => ctx.driver!.run(s.sql))) : "-",
      ms(await sample(() => prisma.$queryRawUnsafe(s.sql))),
    ]);
  }
  console.log(table(rows));
  console.log(
    `"in driver": time one API call had a statement in flight (the rest is JavaScript: Prisma, zod, Next, JSON); "actor": getActor (the User lookup); "JSON": Response.json + res.json()`,
  );

  // What-if: the search's team conditions as one relation filter (one join to "Team" instead of two).
  const search = scenarios.find((s) => s.query.startsWith("q="))!;
  const q = new URLSearchParams(search.query).get("q")!;
  const contains = { contains: q, mode: "insensitive" as const };
  const oneJoin = {
    OR: [
      { name: contains },
      { description: contains },
      { team: { OR: [{ name: contains }, { displayName: contains }] } },
    ],
  };
  const searchQuery = catalogQuery.parse({ q });
  const current = catalogWhere(searchQuery);
  const list = (where: typeof current) =>
    Promise.all([
      prisma.service.count({ where }),
      prisma.service.findMany({ where, select: summarySelect, orderBy: [{ name: "asc" }], take: 50 }),
    ]);
  const [currentTotal, currentRows] = await list(current);
  const [oneJoinTotal, oneJoinRows] = await list(oneJoin);
  const same =
    currentTotal === oneJoinTotal &&
    JSON.stringify(currentRows.map((r) => r.name)) === JSON.stringify(oneJoinRows.map((r) => r.name));
  const today: number[] = [];
  const joined: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const t = await time(() => list(current));
    const j = await time(() => list(oneJoin));
    if (i < 3) continue; // warm-up
    today.push(t);
    joined.push(j);
  }
  console.log(
    `\nwhat-if, ${search.label}: count + findMany as today ${ms(median(today))}; ` +
      `with team: { OR: [name, displayName] } (one join instead of two) ${ms(median(joined))}` +
      (same ? " (same page and total)" : ` (DIFFERENT result: total ${oneJoinTotal} vs ${currentTotal})`),
  );

  if (ctx.driver) {
    for (const s of scenarios) {
      ctx.driver.tap.start();
      await ctx.api(s.query);
      const statements = ctx.driver.tap.stop();
      console.log(
        `\nSQL issued by one GET /api/services?${s.query} (${statements.length} statements, driver time each, queueing included):`,
      );
      for (const st of statements) {
        const sql = st.sql.replace(/\s+/g, " ").replaceAll(`"public".`, "");
        console.log(
          `  ${ms(st.end - st.start).padStart(9)}  ${sql.length > 220 ? `${sql.slice(0, 217)}...` : sql}`,
        );
      }
    }
  }
}

main()
  .then(async () => {
    await cleanup?.();
  })
  .catch(async (error) => {
    console.error(error instanceof BenchFailure ? `\nFAILED: ${error.message}` : error);
    await cleanup?.();
    process.exitCode = 1;
  });

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
