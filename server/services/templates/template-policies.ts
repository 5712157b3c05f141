import "server-only";
import { servicePolicies } from "@/lib/alerts/policies";
import type { AlertPolicy } from "@/lib/alerts/types";
import type { ServiceKind } from "@/lib/catalog";
import type { DerivedValues } from "./derive-values";

/**
 * The portal's alert policies of a service about to be generated: the same definitions the portal
 * evaluates, with the cron template's answer as the success alert's period (0 leaves it out).
 */
export function templatePolicies(kind: ServiceKind, name: string, derived: DerivedValues): AlertPolicy[] {
  const policies = servicePolicies(
    { name, kind, triggers: derived.triggerNames },
    kind === "cron" && derived.successAlertSeconds > 0
      ? { "cron-success-absent": derived.successAlertSeconds }
      : {},
  );
  return kind === "cron" && derived.successAlertSeconds === 0 ? [] : policies;
}
