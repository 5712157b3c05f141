import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { catalogQuery } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import { demoServices, type DemoService } from "@/prisma/demo/fleet";
import { listServiceActivity } from "@/server/services/audit/list-service-activity";
import { getService } from "@/server/services/catalog/get-service";
import { getTeam } from "@/server/services/catalog/get-team";
import { listServices } from "@/server/services/catalog/list-services";
import { listTeams } from "@/server/services/catalog/list-teams";
import { updateService } from "@/server/services/catalog/update-service";
import { authorize } from "@/server/services/identity/authorize";
import { recordAudit } from "@/server/services/audit/record-audit";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

// Spy on the authorisation check and the audit writer, keeping their real behaviour.
vi.mock("@/server/services/identity/authorize", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/services/identity/authorize")>();
  return { ...actual, authorize: vi.fn(actual.authorize) };
});
vi.mock("@/server/services/audit/record-audit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/services/audit/record-audit")>();
  return { ...actual, recordAudit: vi.fn(actual.recordAudit) };
});

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ seedDemo: true });
});

afterAll(() => db?.dispose());

const list = (query: Record<string, string> = {}) =>
  listServices(db.prisma, catalogQuery.parse({ pageSize: "200", ...query }));
const names = async (query: Record<string, string> = {}) => (await list(query)).items.map((s) => s.name);
/** What the catalog should answer, computed from the fleet definition, in name order. */
const expected = (pred: (s: DemoService) => boolean) =>
  demoServices
    .filter(pred)
    .map((s) => s.name)
    .sort();

describe("listServices search", () => {
  it("matches the name, case-insensitively", async () => {
    expect(await names({ q: "MAILER" })).toEqual(["campaign-mailer", "receipt-mailer"]);
  });

  it("matches the owning team's name", async () => {
    expect(await names({ q: "fulfil" })).toEqual(expected((s) => s.team === "fulfilment"));
  });

  it("matches the team's display name", async () => {
    await db.prisma.team.update({ where: { name: "growth" }, data: { displayName: "Experiment Guild" } });
    try {
      expect(await names({ q: "guild" })).toEqual(expected((s) => s.team === "growth"));
    } finally {
      await db.prisma.team.update({ where: { name: "growth" }, data: { displayName: "Growth" } });
    }
  });

  it("matches the description, case-insensitively", async () => {
    expect(await names({ q: "ACQUIRING BANK" })).toEqual(["payment-authorizer"]);
  });

  it("finds nothing for an unknown term, with total 0", async () => {
    expect(await list({ q: "no-such-thing-anywhere" })).toMatchObject({ items: [], total: 0 });
  });
});

describe("listServices filters", () => {
  it.each([
    ["team", { team: "growth" }, (s: DemoService) => s.team === "growth"],
    [
      "several teams",
      { team: "growth,platform" },
      (s: DemoService) => s.team === "growth" || s.team === "platform",
    ],
    ["kind", { kind: "cron" }, (s: DemoService) => s.kind === "cron"],
    ["kind with a dash", { kind: "event-receiver" }, (s: DemoService) => s.kind === "event-receiver"],
    ["region", { region: "asia-northeast1" }, (s: DemoService) => s.regions.includes("asia-northeast1")],
    ["lifecycle", { lifecycle: "retired" }, (s: DemoService) => s.lifecycle === "retired"],
    ["lifecycle with a dash", { lifecycle: "pr-open" }, (s: DemoService) => s.lifecycle === "pr-open"],
    [
      "team + kind",
      { team: "checkout", kind: "event-receiver" },
      (s: DemoService) => s.team === "checkout" && s.kind === "event-receiver",
    ],
    [
      "team + region + lifecycle",
      { team: "growth", region: "europe-west1", lifecycle: "live" },
      (s: DemoService) => s.team === "growth" && s.regions.includes("europe-west1") && s.lifecycle === "live",
    ],
    [
      "search + kind",
      { q: "payments", kind: "http" },
      (s: DemoService) => s.kind === "http" && /payments/i.test(s.name + s.description),
    ],
  ])("by %s", async (_label, query, pred) => {
    const want = expected(pred);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(demoServices.length);
    const page = await list(query);
    expect(page.items.map((s) => s.name)).toEqual(want);
    expect(page.total).toBe(want.length);
  });

  it("a combination nothing satisfies gives an empty page", async () => {
    expect(await list({ team: "platform", kind: "http" })).toMatchObject({ items: [], total: 0 });
  });
});

describe("listServices sort", () => {
  const all = expected(() => true);
  const byAge = [...demoServices].sort((a, b) => b.ageDays - a.ageDays).map((s) => s.name);

  it("by name, ascending by default: the whole fleet without filters", async () => {
    expect(await names()).toEqual(all);
  });

  it("by name descending", async () => {
    expect(await names({ sort: "name", dir: "desc" })).toEqual([...all].reverse());
  });

  it.each([1, -1])("by team (direction %i), names ascending within a team", async (sign) => {
    const want = [...demoServices]
      .sort((a, b) => sign * a.team.localeCompare(b.team) || (a.name < b.name ? -1 : 1))
      .map((s) => s.name);
    expect(await names({ sort: "team", dir: sign === 1 ? "asc" : "desc" })).toEqual(want);
  });

  it("by creation date, oldest first and newest first", async () => {
    expect(await names({ sort: "created" })).toEqual(byAge);
    expect(await names({ sort: "created", dir: "desc" })).toEqual([...byAge].reverse());
  });
});

describe("listServices paging", () => {
  it("pages through the catalog without gaps or repeats; total is the whole match", async () => {
    const seen: string[] = [];
    const pages = Math.ceil(demoServices.length / 5);
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      const result = await list({ pageSize: "5", page: String(page) });
      expect(result).toMatchObject({ total: demoServices.length, page, pageSize: 5 });
      expect(result.items.length).toBe(Math.min(5, demoServices.length - (page - 1) * 5));
      seen.push(...result.items.map((s) => s.name));
    }
    expect(seen).toEqual(expected(() => true));
  });

  it("a page past the end is empty but still reports the total", async () => {
    expect(await list({ pageSize: "5", page: "99" })).toMatchObject({
      items: [],
      total: demoServices.length,
    });
  });

  it("total counts every match, not just the page", async () => {
    const result = await list({ team: "checkout", pageSize: "1" });
    expect(result.items).toHaveLength(1);
    expect(result.total).toBe(expected((s) => s.team === "checkout").length);
  });
});

describe("getService, listTeams and getTeam", () => {
  it("getService returns the detail, with published events and triggers", async () => {
    const s = await getService(db.prisma, "refund-processor");
    expect(s).toMatchObject({
      name: "refund-processor",
      team: { name: "checkout" },
      kind: "event-receiver",
      lifecycle: "live",
      // Seeded, not proposed through a scaffold run.
      pullRequest: null,
      scaffoldRunId: null,
    });
    expect(s.publishes.map((p) => p.type)).toEqual(["dev.meridian.payments.refunded"]);
    expect(s.triggers.map((t) => t.type)).toEqual(["dev.meridian.payments.refund.requested"]);
  });

  it("listTeams counts services and members", async () => {
    const checkout = (await listTeams(db.prisma)).find((t) => t.name === "checkout");
    expect(checkout).toMatchObject({
      serviceCount: expected((s) => s.team === "checkout").length,
      memberCount: 2,
    });
  });

  it("getTeam lists the team's members and services", async () => {
    const team = await getTeam(db.prisma, "checkout");
    expect(team.members.map((m) => m.email).sort()).toEqual(["dev@meridian.local", "linus@meridian.dev"]);
    expect(team.services.map((s) => s.name)).toEqual(expected((s) => s.team === "checkout"));
  });

  it.each([
    ["getService", () => getService(db.prisma, "no-such-service")],
    ["getTeam", () => getTeam(db.prisma, "no-such-team")],
  ])("%s of an unknown name throws AppError not_found (404)", async (_label, fn) => {
    const error = await fn().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });
});

const member: Actor = { email: "dev@meridian.local", name: "Dev", isAdmin: false, teams: ["checkout"] };
const viewer: Actor = { email: "viewer@meridian.dev", name: "Vera", isAdmin: false, teams: [] };
const otherMember: Actor = { email: "grace@meridian.dev", name: "G", isAdmin: false, teams: ["fulfilment"] };
const otherAdmin: Actor = { email: "ada@meridian.dev", name: "Ada", isAdmin: true, teams: ["platform"] };

describe("updateService", () => {
  const snapshot = async (name: string) => ({
    service: await db.prisma.service.findUniqueOrThrow({ where: { name } }),
    audit: await db.prisma.auditEntry.count(),
  });

  it("a member of the owning team changes the description: returned, persisted and audited", async () => {
    const before = await getService(db.prisma, "checkout-api");
    const updated = await updateService(db.prisma, member, "checkout-api", {
      description: "New checkout description.",
    });
    expect(updated.description).toBe("New checkout description.");
    expect((await getService(db.prisma, "checkout-api")).description).toBe("New checkout description.");

    const entry = await db.prisma.auditEntry.findFirstOrThrow({
      where: { targetType: "service", targetId: "checkout-api" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({ actor: "dev@meridian.local", action: "service.update" });
    expect(entry.details).toEqual({
      from: { description: before.description },
      to: { description: "New checkout description." },
    });
    const activity = await listServiceActivity(db.prisma, "checkout-api");
    expect(activity.items[0]).toMatchObject({ actor: "dev@meridian.local", action: "service.update" });
  });

  it.each([
    ["a viewer", viewer],
    ["a member of another team", otherMember],
  ])("%s is forbidden and nothing changes, not even the audit log", async (_label, who) => {
    const before = await snapshot("payment-authorizer");
    const error = await updateService(db.prisma, who, "payment-authorizer", {
      description: "hijacked",
      product: "evil",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden" });
    expect(await snapshot("payment-authorizer")).toEqual(before);
  });

  it("an admin of another team may update", async () => {
    const updated = await updateService(db.prisma, otherAdmin, "receipt-mailer", {
      product: "notifications",
    });
    expect(updated.product).toBe("notifications");
    const entry = await db.prisma.auditEntry.findFirstOrThrow({
      where: { targetId: "receipt-mailer" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({
      actor: "ada@meridian.dev",
      details: { from: { product: "storefront" }, to: { product: "notifications" } },
    });
  });

  it("the change and its audit entry commit together: a failed audit write undoes the change", async () => {
    const before = await snapshot("checkout-api");
    vi.mocked(recordAudit).mockRejectedValueOnce(new Error("audit log unavailable"));
    await expect(
      updateService(db.prisma, member, "checkout-api", { description: "unaudited" }),
    ).rejects.toThrow("audit log unavailable");
    expect(await snapshot("checkout-api")).toEqual(before);
  });

  it("an unknown service is not_found and writes no audit entry", async () => {
    const audit = await db.prisma.auditEntry.count();
    const refusal = updateService(db.prisma, otherAdmin, "no-such-service", { description: "x" });
    await expect(refusal).rejects.toMatchObject({ code: "not_found" });
    expect(await db.prisma.auditEntry.count()).toBe(audit);
  });

  it("retiring is checked as service.retire; other changes as service.update", async () => {
    await updateService(db.prisma, member, "refund-processor", { lifecycle: "merged" });
    expect(vi.mocked(authorize)).toHaveBeenLastCalledWith(member, "service.update", "checkout");
    const retired = await updateService(db.prisma, member, "refund-processor", { lifecycle: "retired" });
    expect(vi.mocked(authorize)).toHaveBeenLastCalledWith(member, "service.retire", "checkout");
    expect(retired.lifecycle).toBe("retired");
    const [entry] = await db.prisma.auditEntry.findMany({
      where: { targetId: "refund-processor" },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(entry).toMatchObject({
      action: "service.retire",
      details: { from: { lifecycle: "merged" }, to: { lifecycle: "retired" } },
    });
  });

  it("a viewer cannot retire, and the refusal names service.retire", async () => {
    const before = await snapshot("cost-reporter");
    const refusal = updateService(db.prisma, viewer, "cost-reporter", { lifecycle: "retired" });
    await expect(refusal).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("service.retire"),
    });
    expect(await snapshot("cost-reporter")).toEqual(before);
  });
});
