# Meridian, the developer portal, in the platform project it serves (README.md).

# The platform modules create some resources without a project argument: the provider's project
# must be set (DOMAIN.md §6.1).
provider "google" {
  project = var.project_id
}

provider "google-beta" {
  project = var.project_id
}

locals {
  # The Cloud Run service name in every region and the key of its dashboard and alert policies.
  # observability.tf is generated for this name (scripts/render-meridian-observability.ts).
  name = "meridian"

  # The broker's topic in each region, `<broker>-<region>` (DOMAIN.md §3.1).
  broker_topics = { for region in var.regions : region => "${var.broker}-${region}" }

  # The cloudevent-recorder's dataset, `cloudevents_<recorder with - → _>` (DOMAIN.md §3.3).
  recorder_dataset = "cloudevents_${replace(var.recorder, "-", "_")}"
}

data "google_project" "this" {
  project_id = var.project_id
}

# Meridian's own VPC: one subnet per region for the service's direct VPC egress, and the network
# Cloud SQL's private IP lives in. The portal talks to nothing else inside the environment's VPC
# (Pub/Sub, BigQuery, Cloud Monitoring, Secret Manager and GitHub are reached on Google's and
# GitHub's public endpoints), so it keeps a network of its own.
module "networking" {
  source  = "chainguard-dev/common/infra//modules/networking"
  version = "1.28.6"

  name       = var.network_name
  project_id = var.project_id
  regions    = var.regions
  team       = var.team
  product    = local.name
}
