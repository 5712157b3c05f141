import { dashboardResourceName } from "@/lib/dashboards/dashboard-hcl";
import { dashboardFilterString, dashboardGroupByFields } from "@/lib/dashboards/dashboard-json";
import type { MetricQuery } from "@/lib/dashboards/types";
import { hclString } from "@/lib/hcl-string";
import { attr, blank, block, renderHcl, type HclNode } from "./hcl-writer";
import { policyQueries } from "./policy-queries";
import type { AlertPolicy } from "./types";

// The portal's alert policies as google_monitoring_alert_policy resources, from the same definitions
// the portal evaluates (lib/alerts/policies.ts), so Cloud Monitoring and the Alerts tab watch the same
// thing. Each policy has a condition per region (grouped by the region label) and, except the burn
// rates, one for all regions together, combined with OR; a burn rate's long and short windows must
// both hold for the same region (AND_WITH_MATCHING_RESOURCE). Every string is escaped (lib/hcl-string.ts).
// The policies carry user labels `service` and `meridian_policy`: the portal lists Cloud Monitoring's
// policies of a service by the first and recognises its own by the second.

export interface AlertPolicyHclOptions {
  /** An HCL reference to the project id; defaults to `var.project_id`. */
  projectExpression?: string;
  /** An HCL reference to the notification channels; defaults to `var.notification_channels`. */
  channelsExpression?: string;
}

const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/;
const duration = (seconds: number) => hclString(`${Math.round(seconds)}s`);
const number = (value: number) => {
  if (!Number.isFinite(value)) throw new Error(`Not a finite threshold: ${value}`);
  return String(value);
};

/** `checkout-api` + `latency-p99` → `checkout_api_latency_p99`. */
export const alertResourceName = (service: string, policyId: string) =>
  `${dashboardResourceName(service)}_${policyId.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`;

function aggregations(
  name: string,
  query: MetricQuery,
  alignmentSeconds: number,
  perRegion: boolean,
): HclNode {
  return block(name, [
    attr("alignment_period", duration(alignmentSeconds)),
    attr("per_series_aligner", hclString(query.aligner)),
    attr("cross_series_reducer", hclString(query.reducer)),
    attr(
      "group_by_fields",
      `[${(perRegion ? dashboardGroupByFields(query) : query.groupBy).map(hclString).join(", ")}]`,
    ),
  ]);
}

interface ThresholdSpec {
  displayName: string;
  numerator: MetricQuery;
  denominator?: MetricQuery;
  threshold: number;
  durationSeconds: number;
  alignmentSeconds: number;
  perRegion: boolean;
}

function thresholdCondition(spec: ThresholdSpec): HclNode {
  return block("conditions", [
    attr("display_name", hclString(spec.displayName)),
    blank,
    block("condition_threshold", [
      attr("filter", hclString(dashboardFilterString(spec.numerator))),
      attr("comparison", hclString("COMPARISON_GT")),
      attr("threshold_value", number(spec.threshold)),
      attr("duration", duration(spec.durationSeconds)),
      blank,
      aggregations("aggregations", spec.numerator, spec.alignmentSeconds, spec.perRegion),
      ...(spec.denominator
        ? [
            blank,
            attr("denominator_filter", hclString(dashboardFilterString(spec.denominator))),
            blank,
            aggregations("denominator_aggregations", spec.denominator, spec.alignmentSeconds, spec.perRegion),
          ]
        : []),
      blank,
      block("trigger", [attr("count", "1")]),
    ]),
  ]);
}

function conditions(policy: AlertPolicy): { combiner: string; nodes: HclNode[] } {
  const c = policy.condition;
  const scopes = [
    { perRegion: true, label: "per region" },
    { perRegion: false, label: "all regions" },
  ];
  if (c.type === "burn-rate") {
    // The error ratio above factor × (1 - goal) over each window, per region.
    const ratio = policy.threshold * (1 - c.goal);
    const windows = [c.longSeconds, c.shortSeconds].map((seconds) =>
      thresholdCondition({
        displayName: `Error ratio over ${seconds}s above ${policy.threshold}x the budget, per region`,
        numerator: c.bad,
        denominator: c.total,
        threshold: Number(ratio.toPrecision(12)),
        durationSeconds: 0,
        alignmentSeconds: seconds,
        perRegion: true,
      }),
    );
    return { combiner: "AND_WITH_MATCHING_RESOURCE", nodes: windows };
  }
  if (c.type === "absent") {
    const query = c.signal.query;
    return {
      combiner: "OR",
      nodes: scopes.map(({ perRegion, label }) =>
        block("conditions", [
          attr("display_name", hclString(`No successful execution for ${policy.threshold}s, ${label}`)),
          blank,
          block("condition_absent", [
            attr("filter", hclString(dashboardFilterString(query))),
            attr("duration", duration(policy.threshold)),
            blank,
            aggregations("aggregations", query, policy.stepSeconds, perRegion),
            blank,
            block("trigger", [attr("count", "1")]),
          ]),
        ]),
      ),
    };
  }
  const [numerator, denominator] = policyQueries(policy);
  return {
    combiner: "OR",
    nodes: scopes.map(({ perRegion, label }) =>
      thresholdCondition({
        displayName: `${policy.title}, ${label}`,
        numerator: numerator!,
        ...(denominator && { denominator }),
        threshold: policy.threshold,
        durationSeconds: c.durationSeconds,
        alignmentSeconds: c.rolling?.windowSeconds ?? policy.stepSeconds,
        perRegion,
      }),
    ),
  };
}

function policyResource(service: string, policy: AlertPolicy, project: string, channels: string): HclNode {
  const { combiner, nodes } = conditions(policy);
  const labels = renderHcl(
    [attr("service", hclString(service)), attr("meridian_policy", hclString(policy.id))],
    2,
  );
  return block(
    "resource",
    [
      attr("project", project),
      attr("display_name", hclString(policy.title)),
      attr("combiner", hclString(combiner)),
      attr("severity", hclString(policy.severity)),
      attr("notification_channels", channels),
      blank,
      attr("user_labels", `{\n${labels}\n  }`),
      blank,
      block("documentation", [
        attr("content", hclString(`${policy.description} Defined in Meridian (lib/alerts/policies.ts).`)),
        attr("mime_type", hclString("text/markdown")),
      ]),
      blank,
      block("alert_strategy", [attr("auto_close", duration(policy.autoCloseSeconds))]),
      ...nodes.flatMap((n) => [blank, n]),
    ],
    [hclString("google_monitoring_alert_policy"), hclString(alertResourceName(service, policy.id))],
  );
}

/** Every policy of a service as Terraform, one resource each, in canonical format. */
export function alertPoliciesHcl(
  service: string,
  policies: readonly AlertPolicy[],
  options: AlertPolicyHclOptions = {},
): string {
  const project = options.projectExpression ?? "var.project_id";
  const channels = options.channelsExpression ?? "var.notification_channels";
  for (const e of [project, channels])
    if (!TRAVERSAL.test(e))
      throw new Error(`Invalid reference ${JSON.stringify(e)}: use e.g. var.project_id`);
  return `${policies.map((p) => renderHcl([policyResource(service, p, project, channels)])).join("\n\n")}\n`;
}
