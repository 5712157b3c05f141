import { getExpressionAst, parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { parseParams } from "@/lib/templates/param-schema";
import type { TemplateParams } from "@/lib/templates/types";
import { checkFiles } from "@/server/services/scaffold/check-files";
import { hclString } from "@/server/services/templates/escape";
import { loadTemplates } from "@/server/services/templates/load-templates";
import { renderTemplate, type RenderedFile } from "@/server/services/templates/render-template";
import { hostileInputs } from "./support/hostile-inputs";
import { validAnswers, type TemplateId } from "./support/template-answers";

// Every hostile input in every field that reaches generated code is either refused with an issue on
// exactly that field, or rendered as an inert literal: HashiCorp's parser reads the same text back,
// the expression is one literal (no interpolation, directive or reference), and every check passes.

const sources = {
  teams: ["checkout"],
  regions: ["us-central1", "us-east4", "europe-west1"],
  "github-events": ["pull_request"],
};

interface Placement {
  template: TemplateId;
  /** The answer key the issue must name. */
  field: string;
  set(params: Record<string, unknown>, value: string): void;
  /** The Terraform JSON value the input must read back as, when it lands in HCL. */
  read?(main: Record<string, unknown>): unknown;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const placements: Placement[] = [
  { template: "http-service", field: "name", set: (p, v) => (p.name = v) },
  {
    template: "http-service",
    field: "product",
    set: (p, v) => (p.product = v),
    read: (m: any) => m.module.service[0].product,
  },
  { template: "http-service", field: "description", set: (p, v) => (p.description = v) },
  { template: "http-service", field: "hostname", set: (p, v) => (p.hostname = v) },
  { template: "http-service", field: "env.0.name", set: (p: any, v) => (p.env = [{ name: v, value: "x" }]) },
  {
    template: "http-service",
    field: "env.0.value",
    set: (p: any, v) => (p.env = [{ name: "GREETING", value: v }]),
    read: (m: any) => m.module.service[0].containers["refund-api"].env[0].value,
  },
  {
    template: "event-receiver",
    field: "triggers.0.sourcePrefix",
    set: (p: any, v) =>
      (p.triggers = [{ name: "orders", eventType: "dev.acme.order.created", sourcePrefix: v }]),
    read: (m: any) => m.module.trigger_orders[0].filter_prefix.source,
  },
  {
    template: "event-receiver",
    field: "triggers.0.eventType",
    set: (p: any, v) => (p.triggers = [{ name: "orders", eventType: v }]),
  },
  {
    template: "event-receiver",
    field: "triggers.0.name",
    set: (p: any, v) => (p.triggers = [{ name: v, eventType: "a.b" }]),
  },
  {
    template: "event-receiver",
    field: "recorded.0.eventType",
    set: (p: any, v) => (p.recorded = [{ eventType: v, retentionDays: "30" }]),
  },
  { template: "cron-job", field: "schedule", set: (p, v) => (p.schedule = v) },
  {
    template: "cron-job",
    field: "env.0.value",
    set: (p: any, v) => (p.env = [{ name: "GREETING", value: v }]),
    read: (m: any) => m.module.job[0].env.GREETING,
  },
  { template: "github-bot", field: "githubEvent", set: (p, v) => (p.githubEvent = v) },
];

/** Terraform JSON keeps template escapes: `$${` and `%%{` stand for literal `${` and `%{`. */
const unescapeTemplate = (text: string) => text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");

/** True when the HCL expression is a template of literal text only. */
async function isInertLiteral(expression: string): Promise<boolean> {
  const ast = (await getExpressionAst("value.tf", expression)) as any;
  return (
    ast?.type === "template" &&
    ast.children.every((c: any) => c.type === "literalValue" && c.meta.type === "string")
  );
}
/* eslint-enable @typescript-eslint/no-explicit-any */

async function render(template: TemplateId, params: TemplateParams): Promise<RenderedFile[]> {
  return renderTemplate((await loadTemplates()).get(template)!, params);
}

let outcomes = { refused: 0, rendered: 0 };

describe("hostile inputs", () => {
  it("has a corpus of at least 50 inputs", () => {
    expect(new Set(hostileInputs).size).toBeGreaterThanOrEqual(50);
  });

  for (const placement of placements)
    it(`${placement.template} ${placement.field}: refused on that field, or an inert literal`, async () => {
      const templates = await loadTemplates();
      const fields = templates.get(placement.template)!.fields;
      for (const input of hostileInputs) {
        const answers = validAnswers(placement.template);
        placement.set(answers, input);
        const parsed = parseParams(fields, answers, sources);
        const label = `${placement.field} = ${JSON.stringify(input.slice(0, 60))}`;
        if (!parsed.ok) {
          expect(
            parsed.issues.map((i) => i.field),
            label,
          ).toEqual([placement.field]);
          outcomes.refused++;
          continue;
        }
        outcomes.rendered++;
        const files = await render(placement.template, parsed.params);
        for (const check of await checkFiles(files))
          expect(check.ok, `${label}: ${check.name}: ${check.detail}`).toBe(true);
        for (const file of files)
          expect(file.path.startsWith(`services/${parsed.params.name as string}/`), label).toBe(true);
        if (placement.read && input !== "") {
          // Answers are kept in Unicode normal form C, the form Terraform reads string literals in.
          const literal = input.normalize("NFC");
          const main = files.find((f) => f.path.endsWith("/main.tf"))!;
          expect(main.content, label).toContain(hclString(literal));
          expect(await isInertLiteral(hclString(literal)), label).toBe(true);
          const json = await parse("main.tf", main.content);
          expect(unescapeTemplate(placement.read(json) as string), label).toBe(literal);
        }
        if (placement.field === "description") {
          const readme = files.find((f) => f.path.endsWith("/README.md"))!.content;
          expect(readme, label).not.toMatch(/<[a-z!/]/i);
          expect(
            readme.split("\n").filter((l) => l.startsWith("#")),
            label,
          ).toEqual([`# ${parsed.params.name as string}`, "## Wiring", "## Code"]);
        }
      }
    });

  it("refuses some inputs and renders others (the corpus exercises both paths)", () => {
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(outcomes.rendered).toBeGreaterThan(20);
    outcomes = { refused: 0, rendered: 0 };
  });
});
