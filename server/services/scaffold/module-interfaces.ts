import "server-only";

// The inputs of the platform modules generated Terraform calls (DOMAIN.md §1, terraform-infra-common
// v1.28.6). A generated `module` block must set every required input and no input outside this table.
// `for_each`, `count`, `depends_on`, `providers`, `source` and `version` are Terraform's own.

export interface ModuleInterface {
  required: string[];
  optional: string[];
}

const labelsAndProduct = ["labels", "product"];

export const moduleInterfaces: Record<string, ModuleInterface> = {
  "regional-go-service": {
    required: [
      "project_id",
      "name",
      "regions",
      "service_account",
      "containers",
      "notification_channels",
      "team",
    ],
    optional: [
      "ingress",
      "egress",
      "regional-egress",
      "custom_audiences",
      "deletion_protection",
      "scaling",
      "volumes",
      "regional-volumes",
      "request_timeout_seconds",
      "execution_environment",
      "raw_containers",
      "enable_otel_sidecar",
      "otel_collector_image",
      "scrape_native_histograms",
      "otel_resources",
      "enable_profiler",
      "observability_role",
      "enable_observability_iam",
      "slo",
      "launch_stage",
      "require_authenticated_invocations",
      ...labelsAndProduct,
    ],
  },
  "cloudevent-trigger": {
    required: ["project_id", "name", "broker", "private-service", "notification_channels", "team"],
    optional: [
      "filter",
      "filter_prefix",
      "filter_has_attributes",
      "filter_not_has_attributes",
      "filter_not",
      "raw_filter",
      "max_delivery_attempts",
      "minimum_backoff",
      "maximum_backoff",
      "ack_deadline_seconds",
      "alert_on_dead_letter",
      "enable_dlq_bucket",
      "gcs_region",
      "enable_message_ordering",
      "product",
    ],
  },
  "authorize-private-service": {
    required: ["project_id", "region", "name", "service-account"],
    optional: [],
  },
  cron: {
    required: [
      "name",
      "project_id",
      "schedule",
      "service_account",
      "working_dir",
      "notification_channels",
      "team",
    ],
    optional: [
      "region",
      "importpath",
      "base_image",
      "ko_build_env",
      "env",
      "secret_env",
      "command",
      "args",
      "cpu",
      "memory",
      "max_retries",
      "timeout",
      "task_count",
      "parallelism",
      "execution_environment",
      "vpc_access",
      "volumes",
      "volume_mounts",
      "paused",
      "invokers",
      "exec",
      "success_alert_alignment_period_seconds",
      "success_alert_duration_seconds",
      "success_alert_documentation",
      "enable_otel_sidecar",
      "otel_collector_image",
      "scrape_native_histograms",
      "observability_role",
      "deletion_protection",
      "enable_observability_iam",
      "launch_stage",
      ...labelsAndProduct,
    ],
  },
  "github-bots": {
    required: [
      "name",
      "project_id",
      "regions",
      "broker",
      "github-event",
      "containers",
      "notification_channels",
      "team",
    ],
    optional: [
      "raw_filter",
      "extra_filter",
      "extra_filter_prefix",
      "extra_filter_has_attributes",
      "extra_filter_not_has_attributes",
      "service_account_email",
      "enable_profiler",
      "deletion_protection",
      "launch_stage",
      "observability_role",
      "enable_observability_iam",
      ...labelsAndProduct,
    ],
  },
};

const goService = moduleInterfaces["regional-go-service"]!;

/**
 * The modules templates may call plus those only Meridian's own deployment (terraform/) calls, from
 * DOMAIN.md §1.1-1.2 and §1.10. `regional-service` takes what `regional-go-service` passes it:
 * the same inputs without `raw_containers`, containers with a prebuilt `image` instead of `source`.
 * Where §1.10 does not say which inputs are required, `team` is taken as required (§0's convention).
 */
export const deploymentModuleInterfaces: Record<string, ModuleInterface> = {
  ...moduleInterfaces,
  "regional-service": {
    required: goService.required,
    optional: goService.optional.filter((input) => input !== "raw_containers"),
  },
  networking: {
    required: ["name", "project_id", "regions", "team"],
    optional: ["cidr", "netnum_offset", "hosted_zone_logging_enabled", ...labelsAndProduct],
  },
  "serverless-gclb": {
    required: ["name", "project_id", "dns_zone", "public-services", "team"],
    optional: [
      "regions",
      "serving_regions",
      "iap",
      "security-policy",
      "notification_channels",
      "forwarding_rule_load_balancing",
      "enable_ipv6",
      "product",
    ],
  },
  secret: {
    required: ["project_id", "name", "notification-channels", "team"],
    optional: [
      "service-account",
      "service-accounts",
      "authorized-adder",
      "authorized-adders",
      "create_placeholder_version",
      "replication_locations",
      ...labelsAndProduct,
    ],
  },
};

export const TERRAFORM_META_ARGUMENTS = new Set([
  "source",
  "version",
  "for_each",
  "count",
  "depends_on",
  "providers",
]);
