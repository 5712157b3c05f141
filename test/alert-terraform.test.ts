import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { alertPoliciesHcl, alertResourceName } from "@/lib/alerts/alert-policy-hcl";
import { servicePolicies } from "@/lib/alerts/policies";
import { policyQueries } from "@/lib/alerts/policy-queries";
import type { AlertPolicy } from "@/lib/alerts/types";
import { dashboardFilterString } from "@/lib/dashboards/dashboard-json";
import type { LayoutService } from "@/lib/dashboards/service-layout";
import { parseParams } from "@/lib/templates/param-schema";
import { loadTemplates } from "@/server/services/templates/load-templates";
import { renderTemplate } from "@/server/services/templates/render-template";
import { validAnswers, type TemplateId } from "./support/template-answers";

// The portal's alert policies as Terraform: parsed back with HashiCorp's parser (@cdktf/hcl2json),
// in canonical format, equal to the definitions the portal evaluates, escaped, and generated with
// every new service.

/* eslint-disable @typescript-eslint/no-explicit-any -- walking hcl2json's untyped answer */
type Resources = Record<string, any[]>;
async function resources(hcl: string): Promise<Resources> {
  const parsed = await parse("alerts.tf", hcl);
  return parsed.resource.google_monitoring_alert_policy as Resources;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A Terraform JSON string template that must be a literal (`$${` and `%%{` stand for `${` and `%{`). */
const literal = (template: string) => {
  expect(template).not.toMatch(/(^|[^$])\$\{|(^|[^%])%\{/);
  return template.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
};

const services: Record<string, LayoutService> = {
  http: { name: "checkout-api", kind: "http", triggers: [] },
  receiver: { name: "order-recorder", kind: "event-receiver", triggers: ["orders-paid", "orders-created"] },
  cron: { name: "nightly-export", kind: "cron", triggers: [] },
};

describe("alert policies as Terraform", () => {
  it("matches the snapshot for an HTTP service", async () => {
    await expect(alertPoliciesHcl("checkout-api", servicePolicies(services.http!))).toMatchFileSnapshot(
      "__snapshots__/alert-policies-http.tf",
    );
  });

  for (const [kind, service] of Object.entries(services))
    it(`is canonical Terraform with one resource per policy, equal to the definitions (${kind})`, async () => {
      const policies = servicePolicies(service, { "latency-p99": 750 });
      const hcl = alertPoliciesHcl(service.name, policies);
      expect(await format(hcl)).toBe(hcl);
      const parsed = await resources(hcl);
      expect(Object.keys(parsed).sort()).toEqual(
        policies.map((p) => alertResourceName(service.name, p.id)).sort(),
      );
      for (const policy of policies) {
        const [resource] = parsed[alertResourceName(service.name, policy.id)]!;
        expect(literal(resource.display_name)).toBe(policy.title);
        expect(resource.severity).toBe(policy.severity);
        expect(resource.user_labels).toEqual({ service: service.name, meridian_policy: policy.id });
        expect(resource.project).toBe("${var.project_id}");
        checkConditions(policy, resource.conditions);
      }
    });

  it("keeps a hostile title an inert literal", async () => {
    const [policy] = servicePolicies(services.http!);
    const hostile: AlertPolicy = {
      ...policy!,
      title: 'x" } resource "evil" { ${file("/etc/passwd")} %{ if true }\n',
    };
    const hcl = alertPoliciesHcl("checkout-api", [hostile]);
    const [resource] = (await resources(hcl))[alertResourceName("checkout-api", hostile.id)]!;
    expect(literal(resource.display_name)).toBe(hostile.title);
    expect(await format(hcl)).toBe(hcl);
  });

  it("refuses a reference that is not a plain traversal", () => {
    expect(() =>
      alertPoliciesHcl("checkout-api", servicePolicies(services.http!), { projectExpression: 'file("x")' }),
    ).toThrow(/Invalid reference/);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any */
function checkConditions(policy: AlertPolicy, conditions: any[]) {
  const c = policy.condition;
  const queries = policyQueries(policy);
  if (c.type === "burn-rate") {
    // Long and short window, per region, both holding for the same region.
    expect(conditions).toHaveLength(2);
    for (const [i, seconds] of [c.longSeconds, c.shortSeconds].entries()) {
      const t = conditions[i].condition_threshold[0];
      expect(literal(t.filter)).toBe(dashboardFilterString(c.bad));
      expect(literal(t.denominator_filter)).toBe(dashboardFilterString(c.total));
      expect(t.threshold_value).toBeCloseTo(policy.threshold * (1 - c.goal));
      expect(t.aggregations[0].alignment_period).toBe(`${seconds}s`);
    }
    return;
  }
  // Per region (grouped by the region label) and for all regions together.
  expect(conditions).toHaveLength(2);
  const [perRegion, all] = conditions;
  if (c.type === "absent") {
    const a = perRegion.condition_absent[0];
    expect(literal(a.filter)).toBe(dashboardFilterString(queries[0]!));
    expect(a.duration).toBe(`${policy.threshold}s`);
    expect(a.aggregations[0].group_by_fields).toEqual(["resource.label.location"]);
    expect(all.condition_absent[0].aggregations[0].group_by_fields).toEqual([]);
    return;
  }
  const t = perRegion.condition_threshold[0];
  expect(literal(t.filter)).toBe(dashboardFilterString(queries[0]!));
  if (queries[1]) expect(literal(t.denominator_filter)).toBe(dashboardFilterString(queries[1]));
  expect(t.threshold_value).toBe(policy.threshold);
  expect(t.comparison).toBe("COMPARISON_GT");
  expect(t.duration).toBe(`${c.durationSeconds}s`);
  expect(t.aggregations[0].alignment_period).toBe(`${c.rolling?.windowSeconds ?? 60}s`);
  expect(t.aggregations[0].group_by_fields[0]).toBe(queries[0]!.region.label);
  expect(all.condition_threshold[0].aggregations[0].group_by_fields).toEqual([]);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe("generated services", () => {
  const sources = {
    teams: ["checkout"],
    regions: ["us-central1", "us-east4", "europe-west1"],
    "github-events": ["pull_request"],
  };
  async function alertsFile(template: TemplateId, answers: Record<string, unknown> = {}) {
    const loaded = (await loadTemplates()).get(template)!;
    const parsed = parseParams(loaded.fields, { ...validAnswers(template), ...answers }, sources);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return renderTemplate(loaded, parsed.params).find((f) => f.path.endsWith("/alerts.tf"));
  }

  it("every template writes alerts.tf with the portal's policies for the service", async () => {
    for (const template of ["http-service", "event-receiver", "cron-job", "github-bot"] as const) {
      const file = await alertsFile(template);
      expect(file, template).toBeDefined();
      const name = validAnswers(template).name as string;
      const parsed = await resources(file!.content);
      expect(Object.keys(parsed).length, template).toBeGreaterThan(0);
      for (const [, [resource]] of Object.entries(parsed)) expect(resource.user_labels.service).toBe(name);
    }
  });

  it("the cron job's success alert follows the answer, in place of the module's own", async () => {
    const file = await alertsFile("cron-job", { successAlertHours: 6 });
    const [resource] = Object.values(await resources(file!.content))[0]!;
    expect(resource.conditions[0].condition_absent[0].duration).toBe(`${6 * 3600}s`);
    const main = (await loadTemplates()).get("cron-job")!;
    const parsed = parseParams(main.fields, { ...validAnswers("cron-job"), successAlertHours: 6 }, sources);
    const mainTf = renderTemplate(main, parsed.ok ? parsed.params : {}).find((f) =>
      f.path.endsWith("/main.tf"),
    )!;
    expect(mainTf.content).not.toContain("success_alert");
    const off = await alertsFile("cron-job", { successAlertHours: 0 });
    expect(off?.content ?? "").not.toContain("resource");
  });
});
