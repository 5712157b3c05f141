// The BigQuery EventArchive against a local double of the BigQuery v2 REST API, through the real
// @google-cloud/bigquery client: estimate (dry run, count, sample), keyset reading, the window and
// its partition filters, several types, data filters, errors, and a hostile filter corpus whose
// values must reach BigQuery only as query parameters.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ArchivedEvent, ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import { bigQueryArchive } from "@/server/integrations/bigquery/bigquery-archive";
import { ArchiveQueryError, BigQueryArchiveError } from "@/server/integrations/bigquery/errors";
import {
  startBigQueryDouble,
  type BigQueryDouble,
  type DoubleRow,
  type RecordedQuery,
} from "./support/bigquery-double";

process.env.METADATA_SERVER_DETECTION ??= "none";

const PROJECT = "meridian-test";
const DATASET = "cloudevents_github_rec";
const PUSH = "dev.chainguard.github.push";
const PULL = "dev.chainguard.github.pull_request";
const ORDER = "dev.example.order.created";
const fqn = (type: string) => `${PROJECT}.${DATASET}.${type.replaceAll(".", "_")}`;

const GITHUB_SCHEMA = [
  { name: "when", type: "TIMESTAMP", mode: "NULLABLE" },
  {
    name: "headers",
    type: "RECORD",
    mode: "NULLABLE",
    fields: [
      { name: "delivery_id", type: "STRING" },
      { name: "event", type: "STRING" },
    ],
  },
  { name: "body", type: "RECORD", mode: "NULLABLE", fields: [] },
];

const at = (iso: string) => new Date(iso);
const DEC1 = at("2026-12-01T00:00:00Z");
const DEC2 = at("2026-12-02T00:00:00Z");

let seq = 0;
/** A github-events envelope recorded at `when`, loaded `loadLagMs` later. */
function github(
  when: string,
  body: Record<string, unknown>,
  loadLagMs = 20 * 60_000,
  event = "push",
): DoubleRow {
  seq += 1;
  const delivery = `delivery-${seq.toString().padStart(4, "0")}`;
  return {
    data: { when, headers: { delivery_id: delivery, event }, body },
    loadedAt: new Date(at(when).getTime() + loadLagMs),
  };
}

const decode = (e: ArchivedEvent) =>
  JSON.parse(new TextDecoder().decode(e.event.data)) as Record<string, unknown>;

let double: BigQueryDouble;
beforeAll(async () => {
  double = await startBigQueryDouble();
});
afterAll(async () => {
  await double?.close();
});
beforeEach(() => {
  double.reset();
  seq = 0;
});
// Whatever a test sent: the SQL has no string literal at all (every value is a parameter), quotes
// only validated identifiers, declares every parameter it uses, and filters every table's partitions.
afterEach(() => {
  for (const rq of double.allQueries()) {
    expect(rq.sql).not.toMatch(/['"\\]/);
    expect(rq.sql).not.toMatch(/\d{4}-\d{2}-\d{2}|--|\/\*|;/);
    for (const [quoted] of rq.sql.matchAll(/`[^`]*`/g)) expect(quoted).toMatch(/^`[A-Za-z0-9_.-]+`$/);
    const declared = new Set(rq.parameters.map((p) => p.name));
    for (const [, name] of rq.sql.matchAll(/@(\w+)/g)) expect(declared).toContain(name);
    for (const branch of rq.sql.split("UNION ALL")) {
      expect(branch).toMatch(
        /_PARTITIONTIME >= @partition_from_\d+ AND _PARTITIONTIME < @partition_to_\d+|t\.`when` >= @from AND t\.`when` < @to/,
      );
    }
  }
});

function archive(extra: Partial<Parameters<typeof bigQueryArchive>[0]> = {}) {
  return bigQueryArchive({ projectId: PROJECT, recorder: "github-rec", apiEndpoint: double.url, ...extra });
}

function addPushTable(rows: DoubleRow[]) {
  double.addTable(
    { projectId: PROJECT, datasetId: DATASET, tableId: "dev_chainguard_github_push", schema: GITHUB_SCHEMA },
    rows,
  );
}

/** Every value the selection carries, as the strings that must never appear in SQL text. */
function userStrings(q: ArchiveQuery): string[] {
  const values = [
    q.from.toISOString(),
    q.to.toISOString(),
    ...(q.data ?? []).flatMap((c) => [c.path, c.value]),
  ];
  return values.filter((v) => v.length >= 3);
}

function expectOnlyParameters(queries: RecordedQuery[], q: ArchiveQuery) {
  expect(queries.length).toBeGreaterThan(0);
  for (const rq of queries) {
    for (const v of userStrings(q)) expect(rq.sql).not.toContain(v);
    // the day-rounded bounds must not leak either
    expect(rq.sql).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(rq.parameterMode).toBe("named");
    // every branch carries its partition filter
    const branches = rq.sql.split("UNION ALL");
    expect(branches.length).toBe(q.types.length);
    for (const b of branches) {
      expect(b).toMatch(
        /_PARTITIONTIME >= @partition_from_\d+ AND _PARTITIONTIME < @partition_to_\d+|t\.`when` >= @from AND t\.`when` < @to/,
      );
    }
    const names = rq.parameters.map((p) => p.name);
    for (const c of q.data ?? []) {
      const i = (q.data ?? []).indexOf(c);
      expect(names).toContain(`value_${i}`);
      expect(rq.parameters.find((p) => p.name === `value_${i}`)?.parameterValue?.value).toBe(c.value);
      expect(rq.parameters.find((p) => p.name === `path_${i}`)?.parameterValue?.value).toBe(c.path);
    }
  }
}

describe("estimate", () => {
  it("returns the count, the dry run's bytes and a sample rebuilt as CloudEvents", async () => {
    const rows = [
      github("2026-12-01T09:00:00Z", { ref: "refs/heads/main" }),
      github("2026-12-01T10:00:00.123456Z", { ref: "refs/heads/dev" }),
      github("2026-12-01T11:00:00Z", { ref: "refs/heads/x" }),
      github("2026-11-30T23:00:00Z", { ref: "refs/heads/outside" }),
    ];
    addPushTable(rows);
    const q: ArchiveQuery = { types: [PUSH], from: DEC1, to: DEC2 };
    const estimate = await archive().estimate(q, 2);

    expect(estimate.count).toBe(3);
    // The double's bytes: the JSON size of every row in the partitions the filter leaves (Nov 30's
    // row was loaded on Nov 30 and is pruned; the others are scanned).
    const scanned = rows.slice(0, 3).reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r.data)), 0);
    expect(estimate.bytesScanned).toBe(scanned);
    const dryRuns = double.queries().filter((rq) => rq.dryRun);
    expect(dryRuns).toHaveLength(1);
    expect(dryRuns[0]!.via).toBe("jobs.insert");

    expect(estimate.sample).toHaveLength(2);
    const [first, second] = estimate.sample as [ArchivedEvent, ArchivedEvent];
    expect(first.event.type).toBe(PUSH);
    expect(first.event.specversion).toBe("1.0");
    expect(first.event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.event.id).not.toBe(first.originalId);
    expect(second.event.id).not.toBe(first.event.id);
    expect(first.originalId).toBe("delivery-0001");
    expect(second.originalId).toBe("delivery-0002");
    expect(first.event.source).toBe(`//meridian/replay/bigquery/${fqn(PUSH)}`);
    expect(first.event.datacontenttype).toBe("application/json");
    expect(first.event.extensions).toEqual({});
    expect(decode(first)).toEqual(rows[0]!.data);
    expect(first.time).toEqual(at("2026-12-01T09:00:00Z"));
    expect(first.event.time).toBe("2026-12-01T09:00:00.000Z");
    expect(second.event.time).toBe("2026-12-01T10:00:00.123456Z");
    expect(first.region).toBeNull();
    // no request carried credentials: the client talks plain HTTP to the double
    expect(double.requests.every((r) => !r.authorized)).toBe(true);
  });

  it("keeps a top-level id as the original id, and none when the payload has neither", async () => {
    double.addTable(
      {
        projectId: PROJECT,
        datasetId: DATASET,
        tableId: "dev_example_order_created",
        schema: [
          { name: "id", type: "STRING" },
          { name: "order", type: "RECORD", fields: [{ name: "total", type: "INT64" }] },
        ],
      },
      [
        { data: { id: "evt-1", order: { total: 5 } }, loadedAt: at("2026-12-01T08:00:00Z") },
        { data: { order: { total: 7 } }, loadedAt: at("2026-12-01T09:00:00Z") },
      ],
    );
    const { sample, count } = await archive().estimate({ types: [ORDER], from: DEC1, to: DEC2 }, 10);
    expect(count).toBe(2);
    expect(sample.map((e) => e.originalId).sort()).toEqual(["evt-1", null].sort());
  });

  it("a sample size of 0 runs no read query", async () => {
    addPushTable([github("2026-12-01T09:00:00Z", {})]);
    const estimate = await archive().estimate({ types: [PUSH], from: DEC1, to: DEC2 }, 0);
    expect(estimate).toMatchObject({ count: 1, sample: [] });
    expect(double.queries().filter((rq) => !rq.dryRun && rq.sql.startsWith("SELECT payload"))).toHaveLength(
      0,
    );
  });
});

describe("read", () => {
  it("pages through a window in time order with the cursor, never repeating or skipping a row", async () => {
    const rows: DoubleRow[] = [];
    for (let i = 0; i < 45; i++) {
      const minute = Math.floor(i / 3); // three events a minute: ties on time
      rows.push(github(`2026-12-01T10:${String(minute).padStart(2, "0")}:00Z`, { n: i }));
    }
    // byte-identical rows (a delivery recorded twice) are both read, once each
    const twin = github("2026-12-01T10:05:00Z", { n: "twin" });
    rows.push(twin, { ...twin }, { ...twin });
    addPushTable(rows);
    const a = archive({ pageSize: 4 });
    const q: ArchiveQuery = { types: [PUSH], from: DEC1, to: DEC2 };

    const seen: ArchivedEvent[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: ArchivedEvent[] = await a.read(q, after, 7);
      expect(page.length).toBeLessThanOrEqual(7);
      if (page.length === 0) break;
      seen.push(...page);
      after = page.at(-1)!.cursor;
    }
    expect(seen).toHaveLength(48);
    // time order, and every row exactly once (the three twins count three times)
    const times = seen.map((e) => e.time.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const payloads = seen.map((e) => JSON.stringify(decode(e))).sort();
    expect(payloads).toEqual(rows.map((r) => JSON.stringify(r.data)).sort());
    expect(new Set(seen.map((e) => e.cursor)).size).toBe(48);
    // pages bigger than maxResults came back over jobs.getQueryResults with page tokens
    const pageGets = double.requests.filter((r) => r.method === "GET" && /\/queries\/[^/]+$/.test(r.path));
    expect(pageGets.length).toBeGreaterThan(0);
    expect(pageGets.every((r) => r.search.pageToken && r.search.maxResults === "4")).toBe(true);
    expectOnlyParameters(double.queries(), q);
  });

  it("polls a query still running when jobs.query returns, then reads every page", async () => {
    addPushTable(Array.from({ length: 9 }, (_, i) => github(`2026-12-01T10:0${i}:00Z`, { n: i })));
    double.runningPolls = 3;
    const got = await archive({ pageSize: 4 }).read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 100);
    expect(got.map((e) => (decode(e).body as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const gets = double.requests.filter((r) => r.method === "GET" && /\/queries\/[^/]+$/.test(r.path));
    // three polls without a page token (the job still running), then pages 2 and 3
    expect(gets.map((r) => r.search.pageToken === undefined)).toEqual([true, true, true, false, false]);
  });

  it("the double answers a jobs.query dry run with the bytes it would process", async () => {
    addPushTable([github("2026-12-01T10:00:00Z", { n: 1 })]);
    await archive().read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 1);
    const [rq] = double.queries();
    const response = await fetch(`${double.url}/bigquery/v2/projects/${PROJECT}/queries`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: rq!.sql,
        queryParameters: rq!.parameters,
        useLegacySql: false,
        dryRun: true,
      }),
    });
    const body = (await response.json()) as {
      totalBytesProcessed: string;
      jobComplete: boolean;
      rows?: unknown;
    };
    expect(body).toMatchObject({ jobComplete: true });
    expect(Number(body.totalBytesProcessed)).toBeGreaterThan(0);
    expect(body.rows).toBeUndefined();
  });

  it("the window excludes rows outside it, on the boundary days too, and reaches late loads", async () => {
    const from = at("2026-12-01T12:00:00Z");
    const to = at("2026-12-02T12:00:00Z");
    const inside = [
      github("2026-12-01T12:00:00Z", { k: "at-from" }),
      github("2026-12-02T11:59:59.999999Z", { k: "last-microsecond" }),
      github("2026-12-02T11:00:00Z", { k: "loaded-next-day" }, 20 * 60 * 60_000),
    ];
    const outside = [
      github("2026-12-01T11:59:59.999999Z", { k: "before-from-same-day" }),
      github("2026-12-02T12:00:00Z", { k: "at-to" }),
      github("2026-12-02T18:00:00Z", { k: "after-to-same-day" }),
      github("2026-11-30T12:00:00Z", { k: "day-before" }),
      github("2026-12-03T12:00:00Z", { k: "day-after" }),
    ];
    addPushTable([...outside, ...inside]);
    const q = { types: [PUSH], from, to };
    const got = await archive().read(q, null, 100);
    expect(got.map((e) => (decode(e).body as { k: string }).k)).toEqual([
      "at-from",
      "loaded-next-day",
      "last-microsecond",
    ]);
    expect((await archive().estimate(q, 0)).count).toBe(3);

    const [rq] = double.queries().filter((r) => r.sql.startsWith("SELECT payload"));
    const value = (name: string) => rq!.parameters.find((p) => p.name === name)?.parameterValue?.value;
    // the partition filter starts on the window's first day and reaches a load day past its end
    expect(value("partition_from_0")).toBe("2026-12-01T00:00:00.000Z");
    expect(value("partition_to_0")).toBe("2026-12-03T12:00:00.000Z");
    expectOnlyParameters(double.queries(), q);
  });

  it("a table with no event-time column is read by load day, the window widened to whole days", async () => {
    double.addTable(
      {
        projectId: PROJECT,
        datasetId: DATASET,
        tableId: "dev_example_order_created",
        schema: [{ name: "id", type: "STRING" }],
      },
      [
        { data: { id: "nov30" }, loadedAt: at("2026-11-30T23:00:00Z") },
        { data: { id: "dec1-early" }, loadedAt: at("2026-12-01T01:00:00Z") },
        { data: { id: "dec2" }, loadedAt: at("2026-12-02T05:00:00Z") },
        { data: { id: "dec3" }, loadedAt: at("2026-12-03T00:00:00Z") },
      ],
    );
    const q = { types: [ORDER], from: at("2026-12-01T12:00:00Z"), to: at("2026-12-02T06:00:00Z") };
    const got = await archive().read(q, null, 10);
    expect(got.map((e) => e.originalId)).toEqual(["dec1-early", "dec2"]);
    expect(got[0]!.time).toEqual(DEC1);
    expect(got[0]!.event.time).toBeUndefined();
    const [rq] = double.queries();
    expect(rq!.sql).toContain("UNIX_MICROS(_PARTITIONTIME) AS event_us");
    expect(rq!.parameters.map((p) => p.name)).not.toContain("from");
  });

  it("merges several types in time order, each table with its own partition filter", async () => {
    addPushTable([
      github("2026-12-01T10:00:00Z", { k: "push-1" }),
      github("2026-12-01T10:02:00Z", { k: "push-2" }),
      github("2026-12-01T10:04:00Z", { k: "push-3" }),
    ]);
    double.addTable(
      {
        projectId: PROJECT,
        datasetId: DATASET,
        tableId: "dev_chainguard_github_pull_request",
        schema: GITHUB_SCHEMA,
        partitionField: "when",
      },
      [
        github("2026-12-01T10:01:00Z", { k: "pr-1" }, 0, "pull_request"),
        github("2026-12-01T10:03:00Z", { k: "pr-2" }, 0, "pull_request"),
        github("2026-12-02T10:03:00Z", { k: "pr-outside" }, 0, "pull_request"),
      ],
    );
    const q = { types: [PUSH, PULL], from: DEC1, to: DEC2 };
    const a = archive({ pageSize: 2 });
    const first = await a.read(q, null, 3);
    const rest = await a.read(q, first.at(-1)!.cursor, 10);
    const all = [...first, ...rest];
    expect(all.map((e) => (decode(e).body as { k: string }).k)).toEqual([
      "push-1",
      "pr-1",
      "push-2",
      "pr-2",
      "push-3",
    ]);
    expect(all.map((e) => e.event.type)).toEqual([PUSH, PULL, PUSH, PULL, PUSH]);
    const sql = double.queries()[0]!.sql;
    expect(sql).toContain("UNION ALL");
    expect(sql).toContain(
      `FROM \`${fqn(PUSH)}\` AS t\n    WHERE _PARTITIONTIME >= @partition_from_0 AND _PARTITIONTIME < @partition_to_0`,
    );
    expect(sql).toContain(`FROM \`${fqn(PULL)}\` AS t\n    WHERE t.\`when\` >= @from AND t.\`when\` < @to`);
    expect((await a.estimate(q, 0)).count).toBe(5);
    expectOnlyParameters(double.queries(), q);
  });

  it("data path filters select by equals and prefix", async () => {
    addPushTable([
      github("2026-12-01T10:00:00Z", { action: "opened", ref: "refs/heads/release-1.2", number: 7 }),
      github("2026-12-01T10:01:00Z", { action: "closed", ref: "refs/heads/release-1.3", number: 8 }),
      github("2026-12-01T10:02:00Z", { action: "opened", ref: "refs/heads/main", number: 9 }),
      github("2026-12-01T10:03:00Z", { action: "opened", ref: "refs/tags/release-9", number: 10 }),
    ]);
    const a = archive();
    const pick = async (data: ArchiveQuery["data"]) => {
      const q = { types: [PUSH], from: DEC1, to: DEC2, data };
      double.clear();
      const got = await a.read(q, null, 10);
      expectOnlyParameters(double.queries(), q);
      return got.map((e) => (decode(e).body as { number: number }).number);
    };
    expect(await pick([{ path: "$.body.action", op: "equals", value: "opened" }])).toEqual([7, 9, 10]);
    expect(await pick([{ path: "$.body.ref", op: "prefix", value: "refs/heads/release-" }])).toEqual([7, 8]);
    expect(
      await pick([
        { path: "$.body.action", op: "equals", value: "opened" },
        { path: "$.body.ref", op: "prefix", value: "refs/heads/release-" },
      ]),
    ).toEqual([7]);
    // numbers compare as strings, as JSON_VALUE returns them
    expect(await pick([{ path: "$.body.number", op: "equals", value: "9" }])).toEqual([9]);
    expect(await pick([{ path: "$.headers.delivery_id", op: "equals", value: "delivery-0003" }])).toEqual([
      9,
    ]);
    expect(await pick([{ path: "$.headers.delivery_id", op: "prefix", value: "delivery-" }])).toEqual([
      7, 8, 9, 10,
    ]);
    expect(await pick([{ path: "$.body.missing", op: "prefix", value: "" }])).toEqual([]);
  });
});

describe("errors", () => {
  it("a missing table is an error naming the table", async () => {
    addPushTable([]);
    const q = { types: [PUSH, "dev.chainguard.github.gone"], from: DEC1, to: DEC2 };
    const e = await archive()
      .read(q, null, 10)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BigQueryArchiveError);
    expect(e).toMatchObject({
      reason: "table-not-found",
      table: fqn("dev.chainguard.github.gone"),
      status: 404,
    });
    expect((e as Error).message).toContain(fqn("dev.chainguard.github.gone"));
    await expect(archive().estimate(q, 1)).rejects.toThrow(fqn("dev.chainguard.github.gone"));
  });

  it("a table the portal may not read is an error naming the table", async () => {
    addPushTable([]);
    double.deny(fqn(PUSH));
    await expect(archive().read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 10)).rejects.toMatchObject({
      reason: "permission-denied",
      table: fqn(PUSH),
      message: expect.stringContaining(fqn(PUSH)),
    });
  });

  it("a wrong location is an error naming the table", async () => {
    addPushTable([]);
    await expect(
      archive({ location: "EU" }).read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 1),
    ).rejects.toMatchObject({
      reason: "table-not-found",
      table: fqn(PUSH),
    });
  });

  it("a query over the byte limit fails with BigQuery's reason", async () => {
    addPushTable([github("2026-12-01T10:00:00Z", { big: "x".repeat(2000) })]);
    await expect(
      archive({ maximumBytesBilled: 100 }).read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 1),
    ).rejects.toThrow(/bytes billed/);
  });

  it.each([
    ["subject", { subject: { op: "equals", value: "org/repo" } }],
    ["source", { source: { op: "prefix", value: "github.com" } }],
    ["extensions", { extensions: [{ name: "action", op: "equals", value: "opened" }] }],
  ] as const)("rejects the attribute filter %s: the archive holds only payloads", async (field, extra) => {
    const q = { types: [PUSH], from: DEC1, to: DEC2, ...extra } as ArchiveQuery;
    const e = await archive()
      .read(q, null, 1)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ArchiveQueryError);
    expect(e).toMatchObject({ field });
    expect((e as Error).message).toMatch(/only event payloads.*filter on data paths/);
    expect(double.requests).toHaveLength(0);
  });

  it.each([
    ["empty window", { to: DEC1 }, "to"],
    ["no types", { types: [] }, "types"],
    ["invalid date", { from: new Date(NaN) }, "from"],
    ["same table twice", { types: [PUSH, "dev_chainguard_github_push"] }, "types[1]"],
  ] as const)("rejects %s", async (_name, extra, field) => {
    const q = { types: [PUSH], from: DEC1, to: DEC2, ...extra } as ArchiveQuery;
    await expect(archive().read(q, null, 1)).rejects.toMatchObject({ name: "ArchiveQueryError", field });
  });

  it("rejects limits and sample sizes out of range", async () => {
    const q = { types: [PUSH], from: DEC1, to: DEC2 };
    await expect(archive().read(q, null, 0)).rejects.toMatchObject({ field: "limit" });
    await expect(archive().read(q, null, 1.5)).rejects.toMatchObject({ field: "limit" });
    await expect(archive().estimate(q, -1)).rejects.toMatchObject({ field: "sampleSize" });
  });

  it("refuses bad factory options", () => {
    expect(() => bigQueryArchive({ projectId: "x`; DROP", recorder: "rec" })).toThrow(/projectId/);
    expect(() => bigQueryArchive({ projectId: PROJECT, recorder: "rec`.x" })).toThrow(/recorder/);
    expect(() => bigQueryArchive({ projectId: PROJECT, recorder: "rec", timeColumn: "when`" })).toThrow(
      /timeColumn/,
    );
    expect(() => bigQueryArchive({ projectId: PROJECT, recorder: "rec", loadDelayDays: 30 })).toThrow(
      /loadDelayDays/,
    );
  });
});

// ---- the hostile corpus ----

const HUNDRED_KB = "x".repeat(100 * 1024);

/** Filter values: each must arrive only as a parameter and match only a row holding exactly it. */
const hostileValues: string[] = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  '"; DROP TABLE x; --',
  "'; DROP TABLE `meridian-test.cloudevents_github_rec.dev_chainguard_github_push`; --",
  "`meridian-test.cloudevents_github_rec.dev_chainguard_github_pull_request`",
  "x` AS t UNION ALL SELECT * FROM `other.dataset.table",
  "') UNION SELECT payload, 1, 'x', 'y' FROM secrets --",
  " UNION ALL SELECT 1",
  "/* comment */ opened",
  "opened */ OR /*",
  "-- trailing comment",
  "# hash comment",
  "\\",
  "\\' OR 1=1 --",
  "\\\\'",
  "\u2019 OR 1=1 --", // right single quotation mark
  "\u02bc OR 1=1 --", // modifier letter apostrophe
  "\uff07 OR 1=1 --", // fullwidth apostrophe
  "nul\u0000byte",
  "line1\nline2",
  "line1\r\n  AND 1=1",
  "@to",
  "@after_us",
  "$.body.action",
  "r'raw'",
  'b"bytes"',
  "'''triple'''",
  "%_%",
  "\u202e\u2066reversed",
  "😀 emoji",
  "",
];

/** Values the archive refuses before sending (field, rule). */
const refusedValues: [string, string][] = [
  [HUNDRED_KB, "data[0].value"],
  ["lone \ud800 surrogate", "data[0].value"],
];

const hostilePaths: string[] = [
  "$.a'); DROP TABLE x; --",
  "$..*",
  '$["a"]',
  "$['a']",
  "$.a.b.c.d.e.f.g.h.i.j.k",
  "$",
  "",
  "body.action",
  "$.body.action'",
  "$.body[0]",
  "$.*",
  "$.1abc",
  "$.a b",
  "$.a\n",
  "$.a-b",
  "$.\u0430ction", // Cyrillic а
  "@path_0",
  "$.a /* */",
];

const hostileTypes: string[] = [
  "x.y`; DROP TABLE z; --",
  "../..",
  "",
  ".",
  "a..b",
  "dev.chainguard.github.push`",
  "dev.chainguard.github.push` UNION ALL SELECT 1 --",
  "dev.chainguard.github.push\n",
  "dev chainguard",
  "other-project.dataset.table`.x",
  "dev.chainguard.github.push/*",
  "dev.chainguard.github.p\u0443sh", // Cyrillic у
  "a".repeat(1025),
];

const hostileCursors = [
  "",
  "not-base64!",
  "' OR 1=1 --",
  Buffer.from('[1,"1 OR 1","t","h",1]').toString("base64url"),
];

describe("hostile filter corpus", () => {
  it("has at least 25 entries", () => {
    expect(
      hostileValues.length + refusedValues.length + hostilePaths.length + hostileTypes.length,
    ).toBeGreaterThanOrEqual(25);
  });

  it("filter values arrive only as parameters, the SQL unchanged, and match only literally", async () => {
    const benign = github("2026-12-01T09:00:00Z", { action: "benign" });
    const rows = hostileValues.map((v, i) =>
      github(`2026-12-01T10:${String(i).padStart(2, "0")}:00Z`, { action: v }),
    );
    addPushTable([benign, ...rows]);
    double.addTable(
      {
        projectId: PROJECT,
        datasetId: DATASET,
        tableId: "dev_chainguard_github_pull_request",
        schema: GITHUB_SCHEMA,
      },
      [github("2026-12-01T10:00:00Z", { action: "' OR 1=1 --" })],
    );
    const a = archive();
    const base = { types: [PUSH], from: DEC1, to: DEC2 };
    for (const op of ["equals", "prefix"] as const) {
      double.clear();
      await a.read({ ...base, data: [{ path: "$.body.action", op, value: "benign" }] }, null, 100);
      const [benignQuery] = double.queries();
      for (const [i, value] of hostileValues.entries()) {
        double.clear();
        const q: ArchiveQuery = { ...base, data: [{ path: "$.body.action", op, value }] };
        const got = await a.read(q, null, 100);
        const [rq] = double.queries();
        expect(rq!.sql).toBe(benignQuery!.sql);
        expect(rq!.parameters.find((p) => p.name === "value_0")?.parameterValue?.value).toBe(value);
        expect(rq!.sql).toContain(`FROM \`${fqn(PUSH)}\` AS t`);
        expect(rq!.sql).not.toContain("pull_request");
        const actions = got.map((e) => (decode(e).body as { action: string }).action);
        if (op === "equals") expect(actions).toEqual([value]);
        else {
          expect(actions).toContain(value);
          expect(actions.every((x) => x.startsWith(value))).toBe(true);
        }
        expect(got.every((e) => e.event.type === PUSH)).toBe(true);
        // (a value that is itself a piece of the benign SQL, like "@to", is covered by the equality)
        if (value.length >= 3 && !benignQuery!.sql.includes(value)) expect(rq!.sql).not.toContain(value);
        expect(i).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it.each(refusedValues.map(([v, f]) => [v.slice(0, 24), v, f]))(
    "refuses the value %j with an error naming %s",
    async (_label, value, field) => {
      addPushTable([]);
      const q: ArchiveQuery = {
        types: [PUSH],
        from: DEC1,
        to: DEC2,
        data: [{ path: "$.body.action", op: "equals", value }],
      };
      await expect(archive().read(q, null, 1)).rejects.toMatchObject({ name: "ArchiveQueryError", field });
      expect(double.requests).toHaveLength(0);
    },
  );

  it.each(hostilePaths)("refuses the JSON path %j with an error naming the field", async (path) => {
    addPushTable([]);
    const q: ArchiveQuery = {
      types: [PUSH],
      from: DEC1,
      to: DEC2,
      data: [
        { path: "$.body.action", op: "equals", value: "ok" },
        { path, op: "prefix", value: "x" },
      ],
    };
    const e = await archive()
      .estimate(q, 1)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ArchiveQueryError);
    expect(e).toMatchObject({ field: "data[1].path", rule: expect.stringContaining("JSON path") });
    expect(double.requests).toHaveLength(0);
  });

  it.each(hostileTypes.map((t) => [t.slice(0, 60), t]))(
    "refuses the type %j with an error naming the field",
    async (_l, type) => {
      addPushTable([]);
      const q: ArchiveQuery = { types: [PUSH, type], from: DEC1, to: DEC2 };
      const e = await archive()
        .read(q, null, 1)
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ArchiveQueryError);
      expect(e).toMatchObject({ field: "types[1]" });
      expect(double.requests).toHaveLength(0);
    },
  );

  it("a type that looks like another dataset's table still names a table in the recorder's dataset", async () => {
    addPushTable([]);
    const q: ArchiveQuery = { types: ["meridian-test.other_dataset.secrets"], from: DEC1, to: DEC2 };
    await expect(archive().read(q, null, 1)).rejects.toMatchObject({
      reason: "table-not-found",
      table: `${PROJECT}.${DATASET}.meridian-test_other_dataset_secrets`,
    });
    expect(double.requests.map((r) => r.path)).toEqual([
      `/bigquery/v2/projects/${PROJECT}/datasets/${DATASET}/tables/meridian-test_other_dataset_secrets`,
    ]);
  });

  it.each(hostileCursors)("refuses the cursor %j", async (cursor) => {
    addPushTable([]);
    await expect(archive().read({ types: [PUSH], from: DEC1, to: DEC2 }, cursor, 1)).rejects.toMatchObject({
      name: "ArchiveQueryError",
      field: "after",
    });
    expect(double.requests).toHaveLength(0);
  });
});
