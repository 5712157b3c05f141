import "server-only";
import type { ServiceKind } from "@/lib/catalog";
import type { TemplateParams } from "@/lib/templates/types";

// Values the template files need beyond the answers, computed once here so every file agrees.

export interface TriggerAnswer {
  name: string;
  eventType: string;
  sourcePrefix: string;
  hasAttribute: string;
  notHasAttribute: string;
}

export interface DerivedValues {
  /** Runtime service account id: 6-30 characters (DOMAIN.md §6.6). */
  serviceAccountId: string;
  /** The Cloud Run ingress the service gets: a public hostname needs the load balancer's. */
  effectiveIngress: string | null;
  uses: { broker: boolean; brokerIngress: boolean };
  /** Trigger names as the platform names them, `<service>-<trigger>` (a subscription per region). */
  triggerNames: string[];
  /** `dev.chainguard.github.<event>` for a bot. */
  githubEventType: string | null;
  /** Cron: the job's `timeout`, and the success alert's alignment in seconds (0 = none). */
  cronTimeout: string | null;
  successAlertSeconds: number;
}

export const serviceAccountIdFor = (name: string) => `${name.slice(0, 22).replace(/-+$/, "")}-runtime`;

export function deriveValues(kind: ServiceKind, params: TemplateParams): DerivedValues {
  const name = params.name as string;
  const triggers = (params.triggers ?? []) as unknown as TriggerAnswer[];
  return {
    serviceAccountId: serviceAccountIdFor(name),
    effectiveIngress: params.public
      ? "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
      : ((params.ingress as string) ?? null),
    uses: {
      broker: kind === "event-receiver" || kind === "github-bot",
      brokerIngress: params.publishes === true,
    },
    triggerNames: triggers.map((t) => `${name}-${t.name}`),
    githubEventType: kind === "github-bot" ? `dev.chainguard.github.${params.githubEvent as string}` : null,
    cronTimeout: kind === "cron" ? `${(params.timeoutMinutes as number) * 60}s` : null,
    successAlertSeconds: kind === "cron" ? (params.successAlertHours as number) * 3600 : 0,
  };
}
