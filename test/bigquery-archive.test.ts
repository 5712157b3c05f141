// The BigQuery EventArchive against a local double of the BigQuery v2 REST API, through the real
// @google-cloud/bigquery client: estimate (dry run, count, sample), keyset reading, the window and
// its partition filters, several types and data filters. Errors and the hostile filter corpus are in
// bigquery-archive-errors and bigquery-archive-hostile.
import { describe, expect, it } from "vitest";
import type { ArchivedEvent, ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import type { DoubleRow } from "./support/bigquery-double";
import {
  withBigQueryArchive,
  at,
  DATASET,
  DEC1,
  DEC2,
  decode,
  expectOnlyParameters,
  fqn,
  github,
  GITHUB_SCHEMA,
  ORDER,
  PROJECT,
  PULL,
  PUSH,
} from "./support/bigquery-archive-fixture";

const bq = withBigQueryArchive();
const { archive, addPushTable } = bq;

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
    const dryRuns = bq.double.queries().filter((rq) => rq.dryRun);
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
    expect(bq.double.requests.every((r) => !r.authorized)).toBe(true);
  });

  it("keeps a top-level id as the original id, and none when the payload has neither", async () => {
    bq.double.addTable(
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
    expect(
      bq.double.queries().filter((rq) => !rq.dryRun && rq.sql.startsWith("SELECT payload")),
    ).toHaveLength(0);
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
    const pageGets = bq.double.requests.filter((r) => r.method === "GET" && /\/queries\/[^/]+$/.test(r.path));
    expect(pageGets.length).toBeGreaterThan(0);
    expect(pageGets.every((r) => r.search.pageToken && r.search.maxResults === "4")).toBe(true);
    expectOnlyParameters(bq.double.queries(), q);
  });

  it("polls a query still running when jobs.query returns, then reads every page", async () => {
    addPushTable(Array.from({ length: 9 }, (_, i) => github(`2026-12-01T10:0${i}:00Z`, { n: i })));
    bq.double.runningPolls = 3;
    const got = await archive({ pageSize: 4 }).read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 100);
    expect(got.map((e) => (decode(e).body as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const gets = bq.double.requests.filter((r) => r.method === "GET" && /\/queries\/[^/]+$/.test(r.path));
    // three polls without a page token (the job still running), then pages 2 and 3
    expect(gets.map((r) => r.search.pageToken === undefined)).toEqual([true, true, true, false, false]);
  });

  it("the double answers a jobs.query dry run with the bytes it would process", async () => {
    addPushTable([github("2026-12-01T10:00:00Z", { n: 1 })]);
    await archive().read({ types: [PUSH], from: DEC1, to: DEC2 }, null, 1);
    const [rq] = bq.double.queries();
    const response = await fetch(`${bq.double.url}/bigquery/v2/projects/${PROJECT}/queries`, {
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

    const [rq] = bq.double.queries().filter((r) => r.sql.startsWith("SELECT payload"));
    const value = (name: string) => rq!.parameters.find((p) => p.name === name)?.parameterValue?.value;
    // the partition filter starts on the window's first day and reaches a load day past its end
    expect(value("partition_from_0")).toBe("2026-12-01T00:00:00.000Z");
    expect(value("partition_to_0")).toBe("2026-12-03T12:00:00.000Z");
    expectOnlyParameters(bq.double.queries(), q);
  });

  it("a table with no event-time column is read by load day, the window widened to whole days", async () => {
    bq.double.addTable(
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
    const [rq] = bq.double.queries();
    expect(rq!.sql).toContain("UNIX_MICROS(_PARTITIONTIME) AS event_us");
    expect(rq!.parameters.map((p) => p.name)).not.toContain("from");
  });

  it("merges several types in time order, each table with its own partition filter", async () => {
    addPushTable([
      github("2026-12-01T10:00:00Z", { k: "push-1" }),
      github("2026-12-01T10:02:00Z", { k: "push-2" }),
      github("2026-12-01T10:04:00Z", { k: "push-3" }),
    ]);
    bq.double.addTable(
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
    const sql = bq.double.queries()[0]!.sql;
    expect(sql).toContain("UNION ALL");
    expect(sql).toContain(
      `FROM \`${fqn(PUSH)}\` AS t\n    WHERE _PARTITIONTIME >= @partition_from_0 AND _PARTITIONTIME < @partition_to_0`,
    );
    expect(sql).toContain(`FROM \`${fqn(PULL)}\` AS t\n    WHERE t.\`when\` >= @from AND t.\`when\` < @to`);
    expect((await a.estimate(q, 0)).count).toBe(5);
    expectOnlyParameters(bq.double.queries(), q);
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
      bq.double.clear();
      const got = await a.read(q, null, 10);
      expectOnlyParameters(bq.double.queries(), q);
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
