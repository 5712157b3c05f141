import "server-only";
import { rules } from "@/lib/templates/rules";
import type { PreviewCheck, TemplateParams } from "@/lib/templates/types";
import type { DerivedValues } from "@/server/services/templates/derive-values";

// The platform's naming rules (DOMAIN.md §6.6), checked on the names the files will contain.

const SERVICE_ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
/** Pub/Sub subscription ids: ≤ 255, and the platform appends `-<rand4>`. */
const SUBSCRIPTION_PREFIX_MAX = 255 - 5;
const CLOUD_RUN_JOB_MAX = 63;

export function checkNames(params: TemplateParams, derived: DerivedValues): PreviewCheck {
  const name = params.name as string;
  const problems: string[] = [];
  if (!rules["service-name"].safeParse(name).success)
    problems.push(`service name "${name}" breaks Cloud Run's rule`);
  if (!SERVICE_ACCOUNT_ID.test(derived.serviceAccountId))
    problems.push(`service account id "${derived.serviceAccountId}" is not 6-30 characters of [a-z0-9-]`);
  for (const [label, value] of [
    ["team", params.team],
    ["product", params.product],
  ] as const)
    if (typeof value !== "string" || !rules["label-value"].safeParse(value).success)
      problems.push(`label ${label}="${String(value)}" is not a label value of at most 63 characters`);
  if (derived.cronTimeout && `${name}-cron`.length > CLOUD_RUN_JOB_MAX)
    problems.push(`job name "${name}-cron" is longer than ${CLOUD_RUN_JOB_MAX} characters`);
  const regions = (params.regions as string[] | undefined) ?? [];
  const longestRegion = Math.max(0, ...regions.map((r) => r.length));
  for (const trigger of derived.triggerNames)
    if (trigger.length + 1 + longestRegion > SUBSCRIPTION_PREFIX_MAX)
      problems.push(`trigger "${trigger}" makes subscription names longer than Pub/Sub allows`);
  return {
    name: "Names follow the platform rules",
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join("\n")
      : `Cloud Run name "${name}" (≤ 49), service account "${derived.serviceAccountId}" (6-30), labels ≤ 63`,
  };
}
