import { describe, expect, it } from "vitest";
import { dashboardQuery, fleetHealthQuery } from "@/lib/dashboards/dashboard-query";
import { AppError } from "@/lib/errors";
import { dashboardWindow } from "@/server/services/dashboards/dashboard-window";

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date("2025-03-10T12:34:56.789Z");
const iso = (ms: number) => new Date(ms).toISOString();

/** The issues of a failed parse, as `field: rule`. */
function issues(input: Record<string, string>): string[] {
  const result = dashboardQuery.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

function thrownBy(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("dashboardWindow presets", () => {
  it.each([
    ["1h", HOUR, 60, "2025-03-10T12:34:00.000Z"],
    ["6h", 6 * HOUR, 60, "2025-03-10T12:34:00.000Z"],
    ["24h", 24 * HOUR, 300, "2025-03-10T12:30:00.000Z"],
    ["7d", 7 * 24 * HOUR, 3600, "2025-03-10T12:00:00.000Z"],
  ] as const)("%s: step %#, `to` aligned down to the step", (range, span, step, to) => {
    const window = dashboardWindow({ range }, now);
    expect(window).toEqual({
      from: new Date(Date.parse(to) - span),
      to: new Date(to),
      stepSeconds: step,
      range,
    });
  });

  it("defaults to 6h", () => {
    expect(dashboardWindow({}, now)).toMatchObject({ range: "6h", stepSeconds: 60 });
    expect(dashboardWindow(dashboardQuery.parse({}), now).range).toBe("6h");
  });

  it("gives viewers within the same step the same window", () => {
    const a = dashboardWindow({ range: "24h" }, new Date("2025-03-10T12:30:00.000Z"));
    const b = dashboardWindow({ range: "24h" }, new Date("2025-03-10T12:34:59.999Z"));
    expect(b).toEqual(a);
    const c = dashboardWindow({ range: "24h" }, new Date("2025-03-10T12:35:00.000Z"));
    expect(c.to.getTime() - a.to.getTime()).toBe(5 * MIN);
  });
});

describe("dashboardWindow explicit from/to", () => {
  const to = Date.parse("2025-03-10T12:00:00Z");
  const window = (span: number, end = to) => dashboardWindow({ from: iso(end - span), to: iso(end) }, now);

  it.each([
    ["1 hour", HOUR, 60],
    ["400 minutes", 400 * MIN, 60],
    ["401 minutes", 401 * MIN, 300],
    ["2000 minutes", 2000 * MIN, 300],
    ["2001 minutes", 2001 * MIN, 3600],
    ["8 days", 8 * 24 * HOUR, 3600],
  ])("%s uses the smallest step giving at most 400 points", (_, span, step) => {
    const w = window(span);
    expect(w.stepSeconds).toBe(step);
    expect((w.to.getTime() - w.from.getTime()) / (step * 1000)).toBeLessThanOrEqual(400);
    expect(w.range).toBeNull();
  });

  it("aligns `to` down and makes the span whole steps", () => {
    const w = dashboardWindow({ from: "2025-03-10T10:00:30Z", to: "2025-03-10T11:00:30Z" }, now);
    expect(w).toEqual({
      from: new Date("2025-03-10T10:00:00Z"),
      to: new Date("2025-03-10T11:00:00Z"),
      stepSeconds: 60,
      range: null,
    });
    const short = dashboardWindow({ from: "2025-03-10T10:59:59Z", to: "2025-03-10T11:00:10Z" }, now);
    expect(short.to.getTime() - short.from.getTime()).toBe(MIN);
  });

  it("accepts time-zone offsets", () => {
    const w = dashboardWindow({ from: "2025-03-10T10:00:00+01:00", to: "2025-03-10T11:00:00+01:00" }, now);
    expect(w.to).toEqual(new Date("2025-03-10T10:00:00Z"));
  });

  it("accepts `to` up to a minute in the future, not more", () => {
    expect(
      dashboardWindow({ from: iso(now.getTime() - HOUR), to: iso(now.getTime() + MIN) }, now).stepSeconds,
    ).toBe(60);
    const error = thrownBy(() =>
      dashboardWindow({ from: iso(now.getTime() - HOUR), to: iso(now.getTime() + MIN + 1) }, now),
    );
    expect(error.code).toBe("bad_request");
    expect(error.issues).toEqual([
      { field: "query.to", rule: "must not be in the future (by more than a minute)" },
    ]);
  });

  it.each([
    ["from after to", { from: iso(to), to: iso(to - HOUR) }, "query.from", "must be before to"],
    ["from equal to to", { from: iso(to), to: iso(to) }, "query.from", "must be before to"],
    [
      "more than 8 days",
      { from: iso(to - 8 * 24 * HOUR - 1), to: iso(to) },
      "query.from",
      "must be at most 8 days before to",
    ],
    ["from alone", { from: iso(to - HOUR) }, "query.to", "is required when from is given"],
    ["to alone", { to: iso(to) }, "query.from", "is required when to is given"],
  ])("refuses %s, naming the parameter", (_, query, field, rule) => {
    const error = thrownBy(() => dashboardWindow(query, now));
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ field, rule }]);
  });

  it("refuses a range together with from/to", () => {
    const error = thrownBy(() => dashboardWindow({ range: "1h", from: iso(to - HOUR), to: iso(to) }, now));
    expect(error.issues).toEqual([{ field: "query.range", rule: "cannot be combined with from and to" }]);
  });
});

describe("dashboardQuery", () => {
  it("parses a range, or from and to", () => {
    expect(dashboardQuery.parse({ range: "24h" })).toEqual({ range: "24h" });
    const explicit = { from: "2025-03-10T10:00:00Z", to: "2025-03-10T11:00:00Z" };
    expect(dashboardQuery.parse(explicit)).toEqual(explicit);
  });

  it("names the parameter of every issue", () => {
    expect(issues({ range: "2h" })).toEqual(["range: must be one of 1h, 6h, 24h, 7d"]);
    expect(issues({ from: "yesterday", to: "2025-03-10T11:00:00Z" })).toEqual([
      "from: must be an ISO 8601 date-time with a time zone, such as 2025-01-31T12:00:00Z",
    ]);
    expect(issues({ from: "2025-03-10T10:00:00", to: "2025-03-10T11:00:00Z" })[0]).toMatch(/^from: /);
    expect(issues({ from: "2025-03-10T11:00:00Z", to: "2025-03-10T10:00:00Z" })).toEqual([
      "from: must be before to",
    ]);
    expect(issues({ from: "2025-03-01T00:00:00Z", to: "2025-03-10T00:00:00Z" })).toEqual([
      "from: must be at most 8 days before to",
    ]);
    expect(issues({ from: iso(Date.now()), to: iso(Date.now() + 10 * MIN) })).toEqual([
      "to: must not be in the future (by more than a minute)",
    ]);
    expect(issues({ step: "60" })).toEqual([': Unrecognized key: "step"']);
  });

  it("fleetHealthQuery takes a range only", () => {
    expect(fleetHealthQuery.parse({})).toEqual({});
    expect(fleetHealthQuery.safeParse({ from: "2025-03-10T10:00:00Z" }).success).toBe(false);
  });
});
