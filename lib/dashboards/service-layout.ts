import type { ServiceKind } from "@/lib/catalog";
import {
  REGION_LABEL,
  type DashboardLayout,
  type FilterClause,
  type MetricQuery,
  type Reducer,
  type Section,
  type Tile,
} from "./types";

// The service dashboard every service page and every generated Terraform dashboard draws.
// Metric names and aggregations follow the platform's dashboard modules (DOMAIN.md §2.3-2.4),
// with one deliberate difference: every query also groups by region.

export interface LayoutService {
  name: string;
  kind: ServiceKind;
  /** Trigger names; each has one subscription per region, named `<trigger>-<region>-<rand4>`. */
  triggers: string[];
}

/** The platform's default alert thresholds (DOMAIN.md §2.5-2.6), drawn as lines on the tiles. */
export const FAILURE_RATIO_THRESHOLD = 0.2;
export const UNACKED_MESSAGES_THRESHOLD = 50_000;

const RUN = "run.googleapis.com";
const PUBSUB = "pubsub.googleapis.com";

/** A Cloud Run revision query scoped to the service, split by region (the alert policies share it). */
export function cloudRun(
  service: string,
  metric: string,
  reducer: Reducer,
  extra: Partial<MetricQuery> = {},
): MetricQuery {
  return {
    metricType: `${RUN}/${metric}`,
    resourceType: "cloud_run_revision",
    filter: [{ key: "resource.label.service_name", op: "=", value: service }, ...(extra.filter ?? [])],
    aligner: extra.aligner ?? "ALIGN_RATE",
    reducer,
    groupBy: extra.groupBy ?? [],
    region: { label: REGION_LABEL },
  };
}

function tile(
  id: string,
  title: string,
  rest: Omit<Tile, "id" | "title" | "thresholds" | "width" | "height"> & Partial<Tile>,
): Tile {
  return { id, title, thresholds: [], width: 6, height: 4, ...rest };
}

const percentile = (service: string, metric: string, p: 50 | 95 | 99): MetricQuery =>
  cloudRun(service, metric, `REDUCE_PERCENTILE_${p}`, { aligner: "ALIGN_DELTA" });

function httpSections(service: string): Section[] {
  const fiveXx: FilterClause = { key: "metric.label.response_code_class", op: "=", value: "5xx" };
  return [
    {
      id: "traffic",
      title: "Traffic",
      collapsed: false,
      tiles: [
        tile("request-count", "Request count by response class", {
          unit: "1/s",
          chart: "stacked-area",
          combine: "sum",
          datasets: [
            {
              label: "requests/s",
              query: cloudRun(service, "request_count", "REDUCE_SUM", {
                groupBy: ["metric.label.response_code_class"],
              }),
            },
          ],
        }),
        tile("error-ratio", "5xx ratio", {
          unit: "1",
          chart: "line",
          combine: "ratio",
          thresholds: [{ value: FAILURE_RATIO_THRESHOLD, label: "failure-rate alert", direction: "above" }],
          datasets: [
            {
              label: "5xx responses / all responses",
              ratio: {
                numerator: cloudRun(service, "request_count", "REDUCE_SUM", { filter: [fiveXx] }),
                denominator: cloudRun(service, "request_count", "REDUCE_SUM"),
              },
            },
          ],
        }),
      ],
    },
    {
      id: "latency",
      title: "Latency",
      collapsed: false,
      tiles: ([50, 95, 99] as const).map((p) =>
        tile(`latency-p${p}`, `Request latency p${p}`, {
          unit: "ms",
          chart: "line",
          combine: "max",
          width: 4,
          datasets: [{ label: `p${p}`, query: percentile(service, "request_latencies", p) }],
        }),
      ),
    },
    resourcesSection(service),
  ];
}

function resourcesSection(service: string): Section {
  return {
    id: "resources",
    title: "Instances and resources",
    collapsed: false,
    tiles: [
      tile("instances", "Instances by revision", {
        unit: "1",
        chart: "stacked-area",
        combine: "sum",
        width: 6,
        datasets: [
          {
            label: "instances",
            query: cloudRun(service, "container/instance_count", "REDUCE_SUM", {
              aligner: "ALIGN_MEAN",
              groupBy: ["resource.label.revision_name"],
            }),
          },
        ],
      }),
      tile("startup-latency", "Startup latency p99", {
        unit: "ms",
        chart: "line",
        combine: "max",
        width: 6,
        datasets: [{ label: "p99", query: percentile(service, "container/startup_latencies", 99) }],
      }),
      tile("cpu", "CPU utilisation p99", {
        unit: "1",
        chart: "line",
        combine: "max",
        datasets: [{ label: "p99", query: percentile(service, "container/cpu/utilizations", 99) }],
      }),
      tile("memory", "Memory utilisation p99", {
        unit: "1",
        chart: "line",
        combine: "max",
        datasets: [{ label: "p99", query: percentile(service, "container/memory/utilizations", 99) }],
      }),
    ],
  };
}

// A GCP region (us-central1, europe-west10). Spelling it out, rather than `[a-z0-9-]+`, keeps trigger
// "orders" from also matching the subscriptions of trigger "orders-eu".
const REGION_RE = "[a-z]+-[a-z]+[0-9]+";

/** The trigger name as a literal in both RE2 (the filter) and JavaScript (the region pattern). */
const regexLiteral = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

/** A query over a trigger's per-region subscriptions, split by region (the alert policies share it). */
export function subscription(
  trigger: string,
  metric: string,
  aligner: MetricQuery["aligner"],
  reducer: Reducer,
  groupBy: string[] = [],
): MetricQuery {
  const name = regexLiteral(trigger);
  return {
    metricType: `${PUBSUB}/subscription/${metric}`,
    resourceType: "pubsub_subscription",
    filter: [{ key: "resource.label.subscription_id", op: "regex", value: `${name}-${REGION_RE}-[^-]*` }],
    aligner,
    reducer,
    groupBy,
    region: { label: "resource.label.subscription_id", pattern: `^${name}-(${REGION_RE})-[^-]*$` },
  };
}

function triggerSection(trigger: string): Section {
  return {
    id: `trigger-${trigger}`,
    title: `Events ${trigger}`,
    collapsed: false,
    tiles: [
      tile(`${trigger}-pushed`, "Events pushed", {
        unit: "1/s",
        chart: "stacked-area",
        combine: "sum",
        datasets: [
          {
            label: "pushes/s",
            query: subscription(trigger, "push_request_count", "ALIGN_RATE", "REDUCE_SUM", [
              "metric.label.response_class",
            ]),
          },
        ],
      }),
      tile(`${trigger}-push-latency`, "Push latency p99", {
        unit: "ms",
        chart: "line",
        combine: "max",
        datasets: [
          {
            label: "p99",
            query: subscription(trigger, "push_request_latencies", "ALIGN_DELTA", "REDUCE_PERCENTILE_99"),
          },
        ],
      }),
      tile(`${trigger}-oldest-unacked`, "Oldest unacked message age", {
        unit: "s",
        chart: "line",
        combine: "max",
        datasets: [
          {
            label: "age",
            query: subscription(trigger, "oldest_unacked_message_age", "ALIGN_MAX", "REDUCE_MAX"),
          },
        ],
      }),
      tile(`${trigger}-unacked`, "Unacked messages", {
        unit: "1",
        chart: "line",
        combine: "sum",
        thresholds: [
          { value: UNACKED_MESSAGES_THRESHOLD, label: "unacked-messages alert", direction: "above" },
        ],
        datasets: [
          {
            label: "messages",
            query: subscription(trigger, "num_unacked_messages_by_region", "ALIGN_MEAN", "REDUCE_SUM"),
          },
        ],
      }),
    ],
  };
}

function jobSections(job: string): Section[] {
  const query: MetricQuery = {
    metricType: `${RUN}/job/completed_execution_count`,
    resourceType: "cloud_run_job",
    filter: [{ key: "resource.label.job_name", op: "=", value: job }],
    aligner: "ALIGN_DELTA",
    reducer: "REDUCE_SUM",
    groupBy: ["metric.label.result"],
    region: { label: REGION_LABEL },
  };
  return [
    {
      id: "executions",
      title: "Executions",
      collapsed: false,
      tiles: [
        tile("executions", "Executions by result", {
          unit: "1",
          chart: "stacked-bar",
          combine: "sum",
          width: 12,
          datasets: [{ label: "executions", query }],
        }),
      ],
    },
  ];
}

/** The one dashboard layout for a service of any kind. */
export function serviceDashboard(service: LayoutService): DashboardLayout {
  if (service.kind === "cron")
    return {
      displayName: `Cloud Run Job: ${service.name}`,
      service: service.name,
      sections: jobSections(service.name),
    };
  const triggers = [...service.triggers].sort().map(triggerSection);
  const receiver = service.kind === "event-receiver" || service.kind === "github-bot";
  return {
    displayName: `${receiver ? "Cloud Event Receiver" : "Cloud Run Service"}: ${service.name}`,
    service: service.name,
    sections: [...triggers, ...httpSections(service.name)],
  };
}
