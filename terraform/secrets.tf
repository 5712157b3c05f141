# The portal's secrets, each a platform `secret` module: Secret Manager, secretAccessor for the
# portal's service account on that secret only, secretVersionAdder for var.secret_adder, and the
# "Abnormal Secret Access" alert (DOMAIN.md §1.10, §2.5).

module "database-url" {
  source  = "chainguard-dev/common/infra//modules/secret"
  version = "1.28.6"

  project_id            = var.project_id
  name                  = "${local.name}-database-url"
  service-account       = google_service_account.meridian.email
  authorized-adder      = var.secret_adder
  notification-channels = var.notification_channels
  team                  = var.team
  product               = local.name
}

# DATABASE_URL with the generated password. The service reads this exact version, so a new
# password rolls out a new revision.
resource "google_secret_manager_secret_version" "database-url" {
  secret      = module.database-url.secret_id
  secret_data = local.database_url
}

# The GitHub App's private key (PEM) and the webhook secret: added by hand before the first full
# apply (README.md), never through Terraform, so they stay out of the state.
module "github-app-key" {
  source  = "chainguard-dev/common/infra//modules/secret"
  version = "1.28.6"

  project_id            = var.project_id
  name                  = "${local.name}-github-app-key"
  service-account       = google_service_account.meridian.email
  authorized-adder      = var.secret_adder
  notification-channels = var.notification_channels
  team                  = var.team
  product               = local.name
}

module "github-webhook-secret" {
  source  = "chainguard-dev/common/infra//modules/secret"
  version = "1.28.6"

  project_id            = var.project_id
  name                  = "${local.name}-github-webhook-secret"
  service-account       = google_service_account.meridian.email
  authorized-adder      = var.secret_adder
  notification-channels = var.notification_channels
  team                  = var.team
  product               = local.name
}
