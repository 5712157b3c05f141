# What the portal's service account may do, and nothing more. Each grant is on the narrowest
# resource the API checks it on.
#
# Not granted here:
# - roles/pubsub.publisher on the broker topics. The cloudevent-broker module owns that role on its
#   topics with an authoritative google_pubsub_topic_iam_binding (DOMAIN.md §3.1), which would remove
#   a member added here on the environment's next apply. Add this account to the broker's
#   `extra_publishers` instead (output `broker_extra_publisher`, README.md).
# - roles/secretmanager.secretAccessor: each secret module grants it on its own secret (secrets.tf).
# - roles/monitoring.metricWriter, roles/cloudtrace.agent, roles/cloudprofiler.agent, which the
#   regional-service module grants for its otel-collector sidecar unless given an
#   observability_role: service.tf passes the custom telemetry role below (two permissions).

locals {
  member = "serviceAccount:${google_service_account.meridian.email}"

  project_roles = toset([
    # Health tabs and the fleet page read time series; the Alerts tab lists alert policies.
    "roles/monitoring.viewer",
    # Event replays and the archive run BigQuery query jobs (and dry runs) in the project; the
    # data they may read is granted on the recorder's dataset alone (below).
    "roles/bigquery.jobUser",
  ])
}

resource "google_project_iam_member" "meridian" {
  for_each = local.project_roles

  project = var.project_id
  role    = each.value
  member  = local.member
}

resource "google_bigquery_dataset_iam_member" "recorder-viewer" {
  project    = var.project_id
  dataset_id = local.recorder_dataset
  role       = "roles/bigquery.dataViewer"
  member     = local.member
}

# Cloud SQL supports IAM conditions on the resource name: the client role for this instance only.
resource "google_project_iam_member" "cloudsql-client" {
  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = local.member

  condition {
    title       = "meridian-database-only"
    description = "Only Meridian's own Cloud SQL instance."
    expression  = "resource.type == \"sqladmin.googleapis.com/Instance\" && resource.name == \"projects/${var.project_id}/instances/${google_sql_database_instance.meridian.name}\""
  }
}

# Live tails: the portal creates its own pull subscription on a region's broker topic
# (meridian-tail-<region>-<random>, expiring after a day idle), pulls it, and deletes it when the
# tail closes (server/integrations/pubsub/pubsub-bus.ts).
#
# Creating a subscription needs pubsub.topics.attachSubscription on the topic: roles/pubsub.subscriber
# on the broker topics only.
resource "google_pubsub_topic_iam_member" "tail-attach" {
  for_each = local.broker_topics

  project = var.project_id
  topic   = each.value
  role    = "roles/pubsub.subscriber"
  member  = local.member
}

# ...and pubsub.subscriptions.create on the project, which cannot be narrowed: a new subscription's
# permission is checked on the project, and Pub/Sub (unlike Pub/Sub Lite) does not evaluate IAM
# conditions on resource names, so a condition on `meridian-tail-` would deny everything rather
# than scope it. Hence a custom role with only the four permissions a tail uses instead of
# roles/pubsub.editor (which could also create, delete and publish to topics, and seek or delete
# snapshots). What it still allows: creating subscriptions only on topics the account may attach
# to (the broker's), and pulling or deleting other subscriptions in the project; see README.md.
resource "google_project_iam_custom_role" "tail-subscriptions" {
  project     = var.project_id
  role_id     = "meridianTailSubscriptions"
  title       = "Meridian tail subscriptions"
  description = "Create, read, pull and delete the short-lived pull subscriptions of Meridian's live event tails."
  permissions = [
    "pubsub.subscriptions.consume",
    "pubsub.subscriptions.create",
    "pubsub.subscriptions.delete",
    "pubsub.subscriptions.get",
  ]
}

resource "google_project_iam_member" "tail-subscriptions" {
  project = var.project_id
  role    = google_project_iam_custom_role.tail-subscriptions.id
  member  = local.member
}

# What the otel-collector sidecar needs to write the portal's metrics and traces, and nothing else
# (the module's default observability grants add cloudprofiler.agent and more of monitoring).
resource "google_project_iam_custom_role" "telemetry" {
  project     = var.project_id
  role_id     = "meridianTelemetryWriter"
  title       = "Meridian telemetry writer"
  description = "Write the Meridian portal's OpenTelemetry metrics and traces."
  permissions = [
    "cloudtrace.traces.patch",
    "monitoring.timeSeries.create",
  ]
}
