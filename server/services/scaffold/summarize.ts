import "server-only";
import type { ServiceKind } from "@/lib/catalog";
import type { TemplateParams } from "@/lib/templates/types";
import type { DerivedValues } from "@/server/services/templates/derive-values";
import { templatePolicies } from "@/server/services/templates/template-policies";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** In words, what the pull request would make exist. */
export function summarize(
  kind: ServiceKind,
  params: TemplateParams,
  derived: DerivedValues,
  fileCount: number,
): string {
  const regions = (params.regions as string[] | undefined) ?? [params.region as string];
  const where = `in ${regions.join(", ")}`;
  const parts: string[] = [];
  if (kind === "cron") {
    parts.push(`1 Cloud Run job ${where}, run by Cloud Scheduler at "${params.schedule as string}" UTC`);
  } else {
    parts.push(`1 Cloud Run service ${where}`);
  }
  parts.push("1 service account");
  if (kind === "event-receiver")
    parts.push(
      count(derived.triggerNames.length * regions.length, "trigger") +
        ` (${count(derived.triggerNames.length, "filter")} × ${count(regions.length, "region")})`,
    );
  if (kind === "github-bot") parts.push(`${count(regions.length, "trigger")} on ${derived.githubEventType}`);
  parts.push(kind === "github-bot" ? "2 dashboards (per region, and the module's own)" : "1 dashboard");

  const policies = templatePolicies(kind, params.name as string, derived).length;
  const alerts: string[] = [];
  if (policies > 0)
    alerts.push(
      `${count(policies, "alert policy", "alert policies")} per region and overall, as the portal evaluates them`,
    );
  if (params.slo === true) alerts.push("the SLO module's burn-rate alert policies");
  parts.push(alerts.length ? alerts.join(" and ") : "no alert policies");

  if (derived.uses.brokerIngress) parts.push("permission to publish to the broker");
  const recorded = (params.recorded as unknown[] | undefined)?.length ?? 0;
  if (recorded > 0) parts.push(`${count(recorded, "recorded event type")} for the recorder`);
  if (params.hostname) parts.push(`public hostname ${params.hostname as string} behind the load balancer`);
  return `${parts.join("; ")}. ${count(fileCount, "file")} in services/${params.name as string}/.`;
}
