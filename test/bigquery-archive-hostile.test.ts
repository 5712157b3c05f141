// A hostile filter corpus against the BigQuery EventArchive: values reach BigQuery only as query
// parameters and match only literally; paths, types and cursors it cannot express safely are refused
// before anything is sent.
import { describe, expect, it } from "vitest";
import type { ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import { ArchiveQueryError } from "@/server/integrations/bigquery/errors";
import {
  withBigQueryArchive,
  DATASET,
  DEC1,
  DEC2,
  decode,
  fqn,
  github,
  GITHUB_SCHEMA,
  PROJECT,
  PUSH,
} from "./support/bigquery-archive-fixture";

const bq = withBigQueryArchive();
const { archive, addPushTable } = bq;

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
    bq.double.addTable(
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
      bq.double.clear();
      await a.read({ ...base, data: [{ path: "$.body.action", op, value: "benign" }] }, null, 100);
      const [benignQuery] = bq.double.queries();
      for (const value of hostileValues) {
        bq.double.clear();
        const q: ArchiveQuery = { ...base, data: [{ path: "$.body.action", op, value }] };
        const got = await a.read(q, null, 100);
        const [rq] = bq.double.queries();
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
      expect(bq.double.requests).toHaveLength(0);
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
    expect(bq.double.requests).toHaveLength(0);
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
      expect(bq.double.requests).toHaveLength(0);
    },
  );

  it("a type that looks like another dataset's table still names a table in the recorder's dataset", async () => {
    addPushTable([]);
    const q: ArchiveQuery = { types: ["meridian-test.other_dataset.secrets"], from: DEC1, to: DEC2 };
    await expect(archive().read(q, null, 1)).rejects.toMatchObject({
      reason: "table-not-found",
      table: `${PROJECT}.${DATASET}.meridian-test_other_dataset_secrets`,
    });
    expect(bq.double.requests.map((r) => r.path)).toEqual([
      `/bigquery/v2/projects/${PROJECT}/datasets/${DATASET}/tables/meridian-test_other_dataset_secrets`,
    ]);
  });

  it.each(hostileCursors)("refuses the cursor %j", async (cursor) => {
    addPushTable([]);
    await expect(archive().read({ types: [PUSH], from: DEC1, to: DEC2 }, cursor, 1)).rejects.toMatchObject({
      name: "ArchiveQueryError",
      field: "after",
    });
    expect(bq.double.requests).toHaveLength(0);
  });
});
