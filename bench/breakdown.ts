// BENCH_BREAKDOWN=1: where the API's time goes, part by part (each part timed on its own), a
// what-if for the search's team conditions, and the SQL one API call issues.

import type { PrismaClient } from "@/generated/prisma/client";
import type { Statement } from "./driver";
import { time } from "./measure";
import { scenarios } from "./scenarios";
import { ITERATIONS } from "./settings";
import type { Sides } from "./sides";
import { median, ms, table } from "./stats";

export async function breakdown(prisma: PrismaClient, sides: Sides): Promise<void> {
  const [{ getActor }, { listServices, catalogWhere }, { catalogQuery }, { summarySelect }] =
    await Promise.all([
      import("@/server/services/identity/actor"),
      import("@/server/services/catalog/list-services"),
      import("@/lib/catalog"),
      import("@/server/services/catalog/to-dto"),
    ]);
  const { api, driver } = sides;
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
      driver!.tap.start();
      await api(query);
      times.push(inFlight(driver!.tap.stop()));
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
      ms(await sample(() => api(s.query))),
      driver ? ms(await driverTime(s.query)) : "-",
      ms(await sample(() => getActor(noCookies))),
      ms(await sample(() => listServices(prisma, query))),
      ms(await sample(() => prisma.service.count({ where }))),
      ms(await sample(findMany)),
      ms(await sample(() => Response.json(page).json())),
      driver ? ms(await sample(() => driver.run(s.sql))) : "-",
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

  if (driver) {
    for (const s of scenarios) {
      driver.tap.start();
      await api(s.query);
      const statements = driver.tap.stop();
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
