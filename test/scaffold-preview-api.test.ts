import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { validAnswers } from "./support/template-answers";

// The template and preview API through the real route handlers, on the seeded demo catalog.

let portal: PortalEnvironment;
let templatesRoute: typeof import("@/app/api/templates/route");
let templateRoute: typeof import("@/app/api/templates/[id]/route");
let previewRoute: typeof import("@/app/api/scaffold/preview/route");
let validateRoute: typeof import("@/app/api/scaffold/validate/route");

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  templatesRoute = await import("@/app/api/templates/route");
  templateRoute = await import("@/app/api/templates/[id]/route");
  previewRoute = await import("@/app/api/scaffold/preview/route");
  validateRoute = await import("@/app/api/scaffold/validate/route");
  await (await import("@/server/db/client")).getDb();
});

afterAll(() => portal?.dispose());

const preview = (json: unknown) => call(previewRoute.POST, "/api/scaffold/preview", { method: "POST", json });

describe("GET /api/templates", () => {
  it("lists the four templates with id, version, title and kind", async () => {
    const res = await call(templatesRoute.GET, "/api/templates");
    expect(res.status).toBe(200);
    expect(res.body.templates.map((t: { id: string; kind: string }) => [t.id, t.kind])).toEqual([
      ["cron-job", "cron"],
      ["event-receiver", "event-receiver"],
      ["github-bot", "github-bot"],
      ["http-service", "http"],
    ]);
    for (const t of res.body.templates) expect(t.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("gives a template's fields and the options of its selects", async () => {
    const res = await call(templateRoute.GET, "/api/templates/http-service", {}, { id: "http-service" });
    expect(res.status).toBe(200);
    const names = res.body.fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(["name", "team", "regions", "public", "hostname"]));
    expect(res.body.fields.find((f: { name: string }) => f.name === "hostname").visibleWhen).toEqual({
      field: "public",
      equals: [true],
    });
    expect(res.body.options.teams.map((t: { value: string }) => t.value)).toContain("checkout");
    expect(res.body.options.regions.map((r: { value: string }) => r.value)).toContain("europe-west1");
  });

  it("answers 404 for an unknown template", async () => {
    const res = await call(templateRoute.GET, "/api/templates/nope", {}, { id: "nope" });
    expect(res.status).toBe(404);
  });
});

describe("POST /api/scaffold/preview", () => {
  for (const template of ["http-service", "event-receiver", "cron-job", "github-bot"] as const)
    it(`${template}: every file under services/<name>/, every check green, a lock file hashing each file`, async () => {
      const params = validAnswers(template);
      const res = await preview({ template, params });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const root = `services/${params.name}/`;
      expect(res.body.root).toBe(root);
      for (const check of res.body.checks) expect(check, check.detail).toMatchObject({ ok: true });
      const checkNames = res.body.checks.map((c: { name: string }) => c.name);
      expect(checkNames).toEqual(
        expect.arrayContaining([
          "Terraform parses",
          "Terraform is in canonical format",
          "Module inputs match the platform modules",
          "Names follow the platform rules",
        ]),
      );
      const paths = res.body.files.map((f: { path: string }) => f.path);
      for (const path of paths) expect(path.startsWith(root)).toBe(true);
      expect(paths).toEqual(
        expect.arrayContaining([
          `${root}main.tf`,
          `${root}dashboard.tf`,
          `${root}go.mod`,
          `${root}cmd/${params.name}/main.go`,
        ]),
      );
      for (const file of res.body.files) expect(file.status).toBe("added");

      const lock = JSON.parse(
        res.body.files.find((f: { path: string }) => f.path === `${root}meridian.lock.json`).content,
      );
      expect(lock.template).toEqual({ id: template, version: "1.0.0" });
      expect(lock.answers.name).toBe(params.name);
      const others = res.body.files.filter((f: { path: string }) => !f.path.endsWith("meridian.lock.json"));
      expect(Object.keys(lock.files).sort()).toEqual(
        others.map((f: { path: string }) => f.path.slice(root.length)).sort(),
      );
      for (const file of others)
        expect(lock.files[file.path.slice(root.length)]).toBe(
          `sha256:${createHash("sha256").update(file.content).digest("hex")}`,
        );
    });

  it("summarises the event receiver in words: regions, triggers, dashboard, alert policies", async () => {
    const res = await preview({ template: "event-receiver", params: validAnswers("event-receiver") });
    expect(res.body.summary).toContain("1 Cloud Run service in us-central1, us-east4, europe-west1");
    expect(res.body.summary).toContain("6 triggers (2 filters × 3 regions)");
    expect(res.body.summary).toContain("1 dashboard");
    expect(res.body.summary).toContain("9 alert policies per region and overall");
  });

  it("refuses a name Cloud Run would reject with 422 naming the field and the rule", async () => {
    const res = await preview({
      template: "http-service",
      params: { ...validAnswers("http-service"), name: "Checkout_API" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([
      { field: "body.params.name", rule: expect.stringContaining("lowercase letters, digits or dashes") },
    ]);
  });

  it("refuses a name the catalog already has", async () => {
    const res = await preview({
      template: "http-service",
      params: { ...validAnswers("http-service"), name: "checkout-api" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0]).toEqual({
      field: "body.params.name",
      rule: expect.stringContaining("is taken"),
    });
  });

  it("refuses unknown answers, unknown teams and regions outside the environment", async () => {
    const res = await preview({
      template: "http-service",
      params: {
        ...validAnswers("http-service"),
        team: "nobody",
        regions: ["mars-north1"],
        shell: "rm -rf /",
      },
    });
    expect(res.status).toBe(422);
    const fields = res.body.error.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(["body.params.regions.0", "body.params.shell", "body.params.team"]);
  });

  it("requires the hostname only when public, and drops it when not", async () => {
    const base = validAnswers("http-service");
    const missing = await preview({
      template: "http-service",
      params: { ...base, public: true, hostname: "" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues).toEqual([{ field: "body.params.hostname", rule: "is required" }]);

    const hidden = await preview({
      template: "http-service",
      params: { ...base, public: false, hostname: "x.example.com" },
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body.files.map((f: { content: string }) => f.content).join("\n")).not.toContain(
      "x.example.com",
    );
  });

  it("refuses a template version the portal does not have", async () => {
    const res = await preview({ template: "cron-job", version: "9.9.9", params: validAnswers("cron-job") });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([
      { field: "body.version", rule: "must be 1.0.0, the version the portal has" },
    ]);
  });
});

describe("POST /api/scaffold/validate", () => {
  it("answers 200 with field issues for the live form, and ok for good answers", async () => {
    const bad = await call(validateRoute.POST, "/api/scaffold/validate", {
      method: "POST",
      json: { template: "cron-job", params: { ...validAnswers("cron-job"), schedule: "61 * * * *" } },
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({
      ok: false,
      issues: [{ field: "schedule", rule: expect.stringContaining("5-field cron") }],
    });

    const good = await call(validateRoute.POST, "/api/scaffold/validate", {
      method: "POST",
      json: { template: "cron-job", params: validAnswers("cron-job") },
    });
    expect(good.body).toEqual({ ok: true, issues: [] });
  });
});
