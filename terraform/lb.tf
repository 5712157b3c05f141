# The global HTTPS load balancer in front of the portal in every region, with IAP on its backend:
# the platform's serverless-gclb module (serverless NEGs, a managed certificate, the DNS record).

module "gclb" {
  source  = "chainguard-dev/common/infra//modules/serverless-gclb"
  version = "1.28.6"

  name                  = local.name
  project_id            = var.project_id
  dns_zone              = var.dns_zone
  regions               = var.regions
  serving_regions       = var.regions
  notification_channels = var.notification_channels
  team                  = var.team
  product               = local.name

  public-services = {
    (var.hostname) = { name = local.name }
  }

  # The OAuth client is made by hand: Google shut down the IAP OAuth Admin API behind
  # google_iap_brand and google_iap_client in 2025 (README.md).
  iap = {
    oauth2_client_id     = var.iap_oauth_client_id
    oauth2_client_secret = var.iap_oauth_client_secret
    enabled              = true
  }
}

# The module names the backend service after the Cloud Run service. Its numeric id, part of the
# audience of IAP's signed headers, exists only once the backend does: read back after the module
# is applied, so a single apply creates the backend first and then the portal with IAP_AUDIENCE.
data "google_compute_backend_service" "portal" {
  project = var.project_id
  name    = local.name

  depends_on = [module.gclb]
}

locals {
  iap_audience = "/projects/${data.google_project.this.number}/global/backendServices/${data.google_compute_backend_service.portal.generated_id}"
}

# Who may pass IAP: on this backend service only, not on every IAP resource of the project.
resource "google_iap_web_backend_service_iam_member" "portal" {
  for_each = toset(var.portal_members)

  project             = var.project_id
  web_backend_service = data.google_compute_backend_service.portal.name
  role                = "roles/iap.httpsResourceAccessor"
  member              = each.value
}

# IAP authenticates to Cloud Run as its service agent (X-Serverless-Authorization), so the service
# can require authenticated invocations: run.invoker for that agent in every region.
resource "google_project_service_identity" "iap" {
  provider = google-beta

  project = var.project_id
  service = "iap.googleapis.com"
}

module "iap-invokes-service" {
  source  = "chainguard-dev/common/infra//modules/authorize-private-service"
  version = "1.28.6"

  for_each = toset(var.regions)

  project_id      = var.project_id
  region          = each.key
  name            = module.service.names[each.key]
  service-account = google_project_service_identity.iap.email
}
