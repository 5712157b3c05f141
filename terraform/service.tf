# The portal: one Cloud Run service named local.name in every region, through the platform's
# regional-service module (a prebuilt image; regional-go-service would build Go from source).

resource "google_service_account" "meridian" {
  project      = var.project_id
  account_id   = "meridian-portal"
  display_name = "Meridian"
  description  = "Runtime identity of the Meridian developer portal (terraform/iam.tf lists its grants)"
}

module "service" {
  source  = "chainguard-dev/common/infra//modules/regional-service"
  version = "1.28.6"

  project_id            = var.project_id
  name                  = local.name
  regions               = module.networking.regional-networks
  service_account       = google_service_account.meridian.email
  notification_channels = var.notification_channels
  team                  = var.team
  product               = local.name
  deletion_protection   = var.deletion_protection

  # Only the load balancer reaches the service, and only IAP may invoke it (lb.tf): no allUsers.
  ingress                           = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
  require_authenticated_invocations = true

  # Cloud SQL's private IP through the VPC; Google APIs and api.github.com directly (the VPC has
  # no Cloud NAT).
  egress = "PRIVATE_RANGES_ONLY"

  # Live event tails are server-sent events held open for as long as a page watches.
  request_timeout_seconds = 3600

  # The portal exports OpenTelemetry metrics and traces over OTLP/HTTP to the module's
  # otel-collector sidecar (OTEL_EXPORTER_OTLP_ENDPOINT below), which writes them to Cloud
  # Monitoring and Cloud Trace: the account gets only those two permissions (iam.tf), not the
  # module's default metricWriter, cloudtrace.agent and cloudprofiler.agent.
  observability_role = google_project_iam_custom_role.telemetry.id

  scaling = {
    min_instances = var.min_instances
    max_instances = var.max_instances
  }

  containers = {
    (local.name) = {
      image = var.image
      ports = [{ container_port = 3000 }]

      # The alert, job and event workers run between requests: CPU stays allocated.
      resources = {
        limits = {
          cpu    = "1000m"
          memory = "1Gi"
        }
        cpu_idle = false
      }

      startup_probe = {
        http_get = {
          path = "/api/health"
        }
        period_seconds    = 10
        timeout_seconds   = 5
        failure_threshold = 30
      }

      env = [
        { name = "MERIDIAN_MODE", value = "production" },
        { name = "GCP_PROJECT_ID", value = var.project_id },
        # Replays to one trigger push to https://<service>-<number>.<region>.run.app.
        { name = "GCP_PROJECT_NUMBER", value = data.google_project.this.number },
        { name = "IAP_AUDIENCE", value = local.iap_audience },
        { name = "MERIDIAN_PORTAL_URL", value = "https://${var.hostname}" },
        { name = "MERIDIAN_REGIONS", value = join(",", var.regions) },
        { name = "MERIDIAN_ADMINS", value = join(",", var.admins) },
        { name = "MERIDIAN_METRICS", value = "cloud-monitoring" },
        { name = "MERIDIAN_EVENT_BUS", value = "pubsub" },
        { name = "MERIDIAN_BROKER", value = var.broker },
        { name = "MERIDIAN_ARCHIVE", value = "bigquery" },
        { name = "MERIDIAN_RECORDER", value = var.recorder },
        { name = "MERIDIAN_GIT", value = "github" },
        { name = "GITHUB_REPOSITORY", value = var.github_repository },
        { name = "GITHUB_APP_ID", value = var.github_app_id },
        { name = "GITHUB_APP_INSTALLATION_ID", value = var.github_app_installation_id },
        {
          name = "DATABASE_URL"
          value_source = {
            secret_key_ref = {
              secret  = module.database-url.secret_id
              version = google_secret_manager_secret_version.database-url.version
            }
          }
        },
        {
          name = "GITHUB_APP_PRIVATE_KEY"
          value_source = {
            secret_key_ref = {
              secret  = module.github-app-key.secret_id
              version = "latest"
            }
          }
        },
        {
          name = "GITHUB_WEBHOOK_SECRET"
          value_source = {
            secret_key_ref = {
              secret  = module.github-webhook-secret.secret_id
              version = "latest"
            }
          }
        },
        # OTLP/HTTP of the otel-collector sidecar in the same instance.
        { name = "OTEL_EXPORTER_OTLP_ENDPOINT", value = "http://localhost:4318" },
      ]
      # Telemetry and logs name the region each replica runs in.
      regional-env = [{
        name  = "MERIDIAN_REGION"
        value = { for region in var.regions : region => region }
      }]
    }
  }

  # Every grant the portal needs at start-up: iam.tf, and the secrets' accessor bindings (Cloud
  # Run refuses a revision whose identity cannot read its secrets).
  depends_on = [
    module.database-url,
    module.github-app-key,
    module.github-webhook-secret,
    google_project_iam_member.meridian,
    google_project_iam_member.cloudsql-client,
    google_project_iam_member.tail-subscriptions,
    google_bigquery_dataset_iam_member.recorder-viewer,
    google_pubsub_topic_iam_member.tail-attach,
  ]
}
