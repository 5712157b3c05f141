// The BigQuery EventArchive's errors: tables missing, denied or in another location, BigQuery's byte
// limit, and selections or options it refuses before sending anything.
import { describe, expect, it } from "vitest";
import type { ArchiveQuery } from "@/server/integrations/event-archive/event-archive";
import { bigQueryArchive } from "@/server/integrations/bigquery/bigquery-archive";
import { ArchiveQueryError, BigQueryArchiveError } from "@/server/integrations/bigquery/errors";
import {
  withBigQueryArchive,
  DEC1,
  DEC2,
  fqn,
  github,
  PROJECT,
  PUSH,
} from "./support/bigquery-archive-fixture";

const bq = withBigQueryArchive();
const { archive, addPushTable } = bq;

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
    bq.double.deny(fqn(PUSH));
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
    expect(bq.double.requests).toHaveLength(0);
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
