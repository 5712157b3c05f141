terraform {
  # Validation blocks that refer to other variables need 1.9; the platform pins 1.13.5.
  required_version = ">= 1.9"

  # State holds the database password and the IAP OAuth client secret: keep it in a bucket only the
  # deployers can read (`terraform init -backend-config=bucket=<bucket>`, see README.md).
  backend "gcs" {
    prefix = "meridian"
  }

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0, < 8.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.0, < 8.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6, < 4.0"
    }
  }
}
