# Cloud SQL for PostgreSQL on a private IP in Meridian's VPC only (no public IP), through private
# services access: a range reserved in the VPC and peered with Google's service producer network.

resource "google_compute_global_address" "database" {
  name          = "${local.name}-database"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  address       = split("/", var.database_peering_range)[0]
  prefix_length = tonumber(split("/", var.database_peering_range)[1])
  network       = module.networking.network_id
}

resource "google_service_networking_connection" "database" {
  network                 = module.networking.network_id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.database.name]

  # Removing the peering fails while Cloud SQL still holds addresses in it; leave it to the VPC.
  deletion_policy = "ABANDON"
}

resource "google_sql_database_instance" "meridian" {
  name                = var.database_instance_name
  region              = var.database_region
  database_version    = "POSTGRES_17"
  deletion_protection = var.deletion_protection

  settings {
    tier                        = var.database_tier
    edition                     = "ENTERPRISE"
    availability_type           = var.database_availability_type
    disk_autoresize             = true
    deletion_protection_enabled = var.deletion_protection

    user_labels = {
      team    = var.team
      product = local.name
    }

    ip_configuration {
      ipv4_enabled    = false
      private_network = module.networking.network_id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "03:00"
    }
  }

  depends_on = [google_service_networking_connection.database]
}

resource "google_sql_database" "meridian" {
  name     = "meridian"
  instance = google_sql_database_instance.meridian.name
}

# Letters and digits only, so the password goes into DATABASE_URL without escaping.
resource "random_password" "database" {
  length  = 32
  special = false
}

resource "google_sql_user" "meridian" {
  name     = "meridian"
  instance = google_sql_database_instance.meridian.name
  password = random_password.database.result
}

locals {
  # TLS without verifying the server's certificate against a CA (libpq's sslmode=require, which
  # node-postgres gives only with uselibpqcompat): the instance refuses unencrypted connections and
  # is reachable only inside the VPC.
  database_url = format(
    "postgresql://%s:%s@%s:5432/%s?sslmode=require&uselibpqcompat=true",
    google_sql_user.meridian.name,
    random_password.database.result,
    google_sql_database_instance.meridian.private_ip_address,
    google_sql_database.meridian.name,
  )
}
