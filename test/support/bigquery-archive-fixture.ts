// A local double of the BigQuery v2 REST API with a recorder's tables, and the BigQuery EventArchive
// pointed at it through the real @google-cloud/bigquery client; shared by the bigquery-archive tests.
// Every test's queries are checked after it: the SQL has no string literal at all (every value is a
// parameter), quotes only validated identifiers, declares every parameter it uses, and filters every
// table's partitions.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { ArchivedEvent, ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import { bigQueryArchive } from "@/server/integrations/bigquery/bigquery-archive";
import {
  startBigQueryDouble,
  type BigQueryDouble,
  type DoubleRow,
  type RecordedQuery,
} from "./bigquery-double";

process.env.METADATA_SERVER_DETECTION ??= "none";

export const PROJECT = "meridian-test";
export const DATASET = "cloudevents_github_rec";
export const PUSH = "dev.chainguard.github.push";
export const PULL = "dev.chainguard.github.pull_request";
export const ORDER = "dev.example.order.created";
export const fqn = (type: string) => `${PROJECT}.${DATASET}.${type.replaceAll(".", "_")}`;

export const GITHUB_SCHEMA = [
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

export const at = (iso: string) => new Date(iso);
export const DEC1 = at("2026-12-01T00:00:00Z");
export const DEC2 = at("2026-12-02T00:00:00Z");

let seq = 0;
/** A github-events envelope recorded at `when`, loaded `loadLagMs` later. */
export function github(
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

export const decode = (e: ArchivedEvent) =>
  JSON.parse(new TextDecoder().decode(e.event.data)) as Record<string, unknown>;

const PARTITION_FILTER =
  /_PARTITIONTIME >= @partition_from_\d+ AND _PARTITIONTIME < @partition_to_\d+|t\.`when` >= @from AND t\.`when` < @to/;

/** Starts the double for the calling test file and resets it before each test. */
export function withBigQueryArchive() {
  let double: BigQueryDouble | undefined;
  beforeAll(async () => {
    double = await startBigQueryDouble();
  });
  afterAll(async () => {
    await double?.close();
  });
  beforeEach(() => {
    double!.reset();
    seq = 0;
  });
  afterEach(() => {
    for (const rq of double!.allQueries()) {
      expect(rq.sql).not.toMatch(/['"\\]/);
      expect(rq.sql).not.toMatch(/\d{4}-\d{2}-\d{2}|--|\/\*|;/);
      for (const [quoted] of rq.sql.matchAll(/`[^`]*`/g)) expect(quoted).toMatch(/^`[A-Za-z0-9_.-]+`$/);
      const declared = new Set(rq.parameters.map((p) => p.name));
      for (const [, name] of rq.sql.matchAll(/@(\w+)/g)) expect(declared).toContain(name);
      for (const branch of rq.sql.split("UNION ALL")) expect(branch).toMatch(PARTITION_FILTER);
    }
  });
  return {
    get double(): BigQueryDouble {
      return double!;
    },
    archive(extra: Partial<Parameters<typeof bigQueryArchive>[0]> = {}) {
      return bigQueryArchive({
        projectId: PROJECT,
        recorder: "github-rec",
        apiEndpoint: double!.url,
        ...extra,
      });
    },
    addPushTable(rows: DoubleRow[]) {
      double!.addTable(
        {
          projectId: PROJECT,
          datasetId: DATASET,
          tableId: "dev_chainguard_github_push",
          schema: GITHUB_SCHEMA,
        },
        rows,
      );
    },
  };
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

export function expectOnlyParameters(queries: RecordedQuery[], q: ArchiveQuery) {
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
      expect(b).toMatch(PARTITION_FILTER);
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
