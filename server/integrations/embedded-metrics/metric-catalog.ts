import "server-only";

// The metric types the embedded store knows: the Cloud Monitoring types the service dashboard asks
// for (lib/dashboards/service-layout.ts), with their kind, unit, resource and required labels. The
// OTLP ingest accepts exactly these names (plus the OpenTelemetry mapping in ingest-otlp.ts). The
// Cloud Monitoring source reads `unit` and `upstreamUnit` too: every metric reaches the dashboard in
// `unit`, whichever backend answers.

export type MetricKind = "DELTA" | "GAUGE" | "DISTRIBUTION";
export type ResourceType = "cloud_run_revision" | "cloud_run_job" | "pubsub_subscription";

export interface MetricDescriptor {
  type: string;
  kind: MetricKind;
  /** The unit values are stored in (the dashboard tile's unit for distributions). */
  unit: "1" | "ms" | "s";
  /**
   * The unit Cloud Monitoring reports the metric in (its MetricDescriptor's, UCUM), when it is not
   * `unit`: Pub/Sub push latencies are microseconds there, milliseconds on the dashboard.
   */
  upstreamUnit?: "us";
  resourceType: ResourceType;
  /** Metric labels (without the metric.label. prefix) every point must carry. */
  requiredLabels: string[];
}

/** Labels of each resource type besides the region (resource.label.location). */
export const resourceLabels: Record<ResourceType, string[]> = {
  cloud_run_revision: ["service_name", "revision_name", "configuration_name"],
  cloud_run_job: ["job_name"],
  pubsub_subscription: ["subscription_id"],
};

/** The resource label that names the catalog service, if the resource type has one. */
export const serviceLabel: Record<ResourceType, string | null> = {
  cloud_run_revision: "service_name",
  cloud_run_job: "job_name",
  pubsub_subscription: null,
};

const RUN = "run.googleapis.com";
const SUB = "pubsub.googleapis.com/subscription";

const d = (
  type: string,
  kind: MetricKind,
  unit: MetricDescriptor["unit"],
  resourceType: ResourceType,
  requiredLabels: string[] = [],
  upstreamUnit?: MetricDescriptor["upstreamUnit"],
): MetricDescriptor => ({
  type,
  kind,
  unit,
  resourceType,
  requiredLabels,
  ...(upstreamUnit && { upstreamUnit }),
});

export const metricCatalog: readonly MetricDescriptor[] = [
  d(`${RUN}/request_count`, "DELTA", "1", "cloud_run_revision", ["response_code_class"]),
  d(`${RUN}/request_latencies`, "DISTRIBUTION", "ms", "cloud_run_revision"),
  d(`${RUN}/container/instance_count`, "GAUGE", "1", "cloud_run_revision"),
  d(`${RUN}/container/startup_latencies`, "DISTRIBUTION", "ms", "cloud_run_revision"),
  d(`${RUN}/container/cpu/utilizations`, "DISTRIBUTION", "1", "cloud_run_revision"),
  d(`${RUN}/container/memory/utilizations`, "DISTRIBUTION", "1", "cloud_run_revision"),
  d(`${RUN}/job/completed_execution_count`, "DELTA", "1", "cloud_run_job", ["result"]),
  d(`${SUB}/push_request_count`, "DELTA", "1", "pubsub_subscription", ["response_class"]),
  d(`${SUB}/push_request_latencies`, "DISTRIBUTION", "ms", "pubsub_subscription", [], "us"),
  d(`${SUB}/oldest_unacked_message_age`, "GAUGE", "s", "pubsub_subscription"),
  d(`${SUB}/num_unacked_messages_by_region`, "GAUGE", "1", "pubsub_subscription"),
  // Read by the dead-lettered-events alert policy (lib/alerts/policies.ts), not drawn on the dashboard.
  d(`${SUB}/dead_letter_message_count`, "DELTA", "1", "pubsub_subscription"),
];

const byType = new Map(metricCatalog.map((m) => [m.type, m]));

export const describeMetric = (type: string): MetricDescriptor | undefined => byType.get(type);
