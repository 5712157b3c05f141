import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { dashboardJson } from "@/lib/dashboards/dashboard-json";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import { parseParams } from "@/lib/templates/param-schema";
import { checkFiles, moduleCallProblems } from "@/server/services/scaffold/check-files";
import { unescapedInterpolations } from "@/server/services/templates/handlebars-env";
import { loadTemplates } from "@/server/services/templates/load-templates";
import { renderTemplate, type RenderedFile } from "@/server/services/templates/render-template";
import { validAnswers, type TemplateId } from "./support/template-answers";

// The checks the preview shows must fail on the mistakes they name, and the templates' Go must build.

const sources = {
  teams: ["checkout"],
  regions: ["us-central1", "us-east4", "europe-west1"],
  "github-events": ["pull_request"],
};
const run = promisify(execFile);
const templateIds: TemplateId[] = ["http-service", "event-receiver", "cron-job", "github-bot"];

async function rendered(template: TemplateId): Promise<RenderedFile[]> {
  const loaded = (await loadTemplates()).get(template)!;
  const parsed = parseParams(loaded.fields, validAnswers(template), sources);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return renderTemplate(loaded, parsed.params);
}

const check = async (files: RenderedFile[], name: string) =>
  (await checkFiles(files)).find((c) => c.name === name)!;

describe("template escaping policy", () => {
  it("refuses a bare {{answer}} and a helper of another language", () => {
    expect(unescapedInterpolations('name = "{{name}}"', "hcl")).toEqual([
      "{{name} at line 1".replace("}", "}}"),
    ]);
    expect(unescapedInterpolations("const x = {{hcl name}}", "go")).toHaveLength(1);
    expect(unescapedInterpolations("{{> partial}}", "hcl")[0]).toContain("partials");
    expect(unescapedInterpolations("{{#if (lookup a b)}}x{{/if}}", "hcl")).toEqual(["(lookup …) at line 1"]);
    expect(
      unescapedInterpolations("name = {{hcl name}}\n{{#each env}}{{hcl value}}{{/each}}", "hcl"),
    ).toEqual([]);
  });
});

describe("file checks", () => {
  it("report a module call without a required input or with an unknown one", () => {
    const { problems } = moduleCallProblems("main.tf", {
      module: {
        service: [
          {
            source: "chainguard-dev/common/infra//modules/regional-go-service",
            version: "1.28.6",
            name: "x",
            colour: "red",
          },
        ],
        other: [{ source: "example.com/some/module" }],
      },
    });
    expect(problems).toEqual([
      expect.stringContaining(
        "lacks required project_id, regions, service_account, containers, notification_channels, team",
      ),
      expect.stringContaining("has unknown input colour"),
      expect.stringContaining('"example.com/some/module", not a known platform module'),
    ]);
  });

  it("fail on Terraform that does not parse or is not in canonical format", async () => {
    const files = await rendered("http-service");
    const main = files.find((f) => f.path.endsWith("main.tf"))!;
    const broken = files.map((f) =>
      f === main ? { ...f, content: f.content.replace('module "service" {', 'module "service" {{') } : f,
    );
    expect((await check(broken, "Terraform parses")).ok).toBe(false);
    const unaligned = files.map((f) =>
      f === main ? { ...f, content: f.content.replace("  egress                =", "  egress =") } : f,
    );
    const canonical = await check(unaligned, "Terraform is in canonical format");
    expect(canonical).toMatchObject({ ok: false, detail: expect.stringContaining(main.path) });
  });

  it("fail on Go that gofmt would change", async () => {
    const files = await rendered("cron-job");
    const bad = files.map((f) =>
      f.language === "go" ? { ...f, content: f.content.replace("\tdefer stop()", "    defer stop()") } : f,
    );
    expect((await check(bad, "Go is gofmt-clean")).ok).toBe(false);
    expect((await check(files, "Go is gofmt-clean")).ok).toBe(true);
  });
});

describe("generated dashboard", () => {
  it("is the portal's own layout: per-region charts and one section per trigger", async () => {
    const files = await rendered("event-receiver");
    const tf = files.find((f) => f.path.endsWith("/dashboard.tf"))!;
    const parsed = (await parse("dashboard.tf", tf.content)) as {
      resource: { google_monitoring_dashboard: Record<string, { dashboard_json: string }[]> };
    };
    const [resource] = parsed.resource.google_monitoring_dashboard.order_audit!;
    const layout = serviceDashboard({
      name: "order-audit",
      kind: "event-receiver",
      triggers: ["order-audit-orders", "order-audit-refunds"],
    });
    // Terraform JSON keeps the heredoc's template escapes; Terraform reads `$${` as `${`.
    const evaluated = resource!.dashboard_json.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
    expect(JSON.parse(evaluated)).toEqual(dashboardJson(layout));
    const titles = layout.sections.map((s) => s.title);
    expect(
      titles.filter((t) => t.includes("order-audit-orders") || t.includes("order-audit-refunds")),
    ).toHaveLength(2);
  });
});

describe("generated Go", () => {
  for (const template of templateIds)
    it(`${template}: go vet and go build pass with only the standard library`, async () => {
      const files = await rendered(template);
      const dir = await mkdtemp(path.join(tmpdir(), "meridian-go-"));
      try {
        for (const file of files) {
          const target = path.join(dir, file.path);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, file.content);
        }
        const root = path.join(dir, files[0]!.path.split("/").slice(0, 2).join("/"));
        const env = {
          ...process.env,
          GOFLAGS: "-mod=mod",
          GOPROXY: "off",
          GOCACHE: path.join(dir, ".cache"),
          GOTOOLCHAIN: "local",
        };
        await run("go", ["vet", "./..."], { cwd: root, env });
        await run("go", ["build", "-o", `${path.join(dir, "bin")}/`, "./..."], { cwd: root, env });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
});
