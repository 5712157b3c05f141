output "url" {
  description = "The portal's URL (MERIDIAN_PORTAL_URL)."
  value       = "https://${var.hostname}"
}

output "service_account_email" {
  description = "The portal's runtime service account."
  value       = google_service_account.meridian.email
}

output "broker_extra_publisher" {
  description = "Add this to the cloudevent-broker module's extra_publishers in the environment's Terraform: the broker's publisher binding is authoritative (README.md)."
  value       = google_service_account.meridian.email
}

output "iap_audience" {
  description = "The audience of IAP's signed headers for the portal's backend service (IAP_AUDIENCE)."
  value       = local.iap_audience
}

output "service_names" {
  description = "The Cloud Run service name in each region."
  value       = module.service.names
}

output "database_connection_name" {
  description = "The Cloud SQL instance's connection name, project:region:instance (for the Cloud SQL Auth Proxy)."
  value       = google_sql_database_instance.meridian.connection_name
}

output "database_private_ip" {
  description = "The Cloud SQL instance's private IP address in Meridian's VPC."
  value       = google_sql_database_instance.meridian.private_ip_address
}

output "database_url_secret" {
  description = "The Secret Manager secret holding DATABASE_URL."
  value       = module.database-url.secret_id
}

output "github_secrets" {
  description = "The Secret Manager secrets to add the GitHub App's private key and webhook secret to (README.md)."
  value = {
    app_private_key = module.github-app-key.secret_id
    webhook_secret  = module.github-webhook-secret.secret_id
  }
}

output "network_id" {
  description = "Meridian's VPC."
  value       = module.networking.network_id
}
