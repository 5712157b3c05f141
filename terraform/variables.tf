variable "project_id" {
  description = "The Google Cloud project Meridian runs in: the platform project whose broker, recorder and services it shows."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6 to 30 lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "regions" {
  description = "The regions the portal runs in (one Cloud Run service each, behind one load balancer); also MERIDIAN_REGIONS, the regions it shows."
  type        = list(string)

  validation {
    condition     = length(var.regions) > 0 && alltrue([for region in var.regions : can(regex("^[a-z]+-[a-z]+[0-9]+$", region))])
    error_message = "regions must be one or more Google Cloud regions such as us-central1."
  }

  validation {
    condition     = length(distinct(var.regions)) == length(var.regions)
    error_message = "regions must not repeat a region."
  }
}

variable "database_region" {
  description = "The region of the Cloud SQL instance; one of regions (the portal in the other regions reaches it across the VPC)."
  type        = string

  validation {
    condition     = contains(var.regions, var.database_region)
    error_message = "database_region must be one of regions."
  }
}

variable "image" {
  description = "The portal's container image, pinned by digest: <registry>/<path>@sha256:<64 hex digits>."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]*(:[0-9]+)?(/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$", var.image))
    error_message = "image must be pinned by digest (…@sha256:<64 lowercase hex digits>), not a tag."
  }
}

variable "team" {
  description = "The team label on every resource the platform modules create."
  type        = string
  default     = "platform"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]{0,62}$", var.team))
    error_message = "team must be a label value: lowercase letters, digits, dashes and underscores, at most 63 characters, starting with a letter."
  }
}

variable "notification_channels" {
  description = "Cloud Monitoring notification channels for Meridian's alert policies and the secrets' abnormal-access alerts."
  type        = list(string)

  validation {
    condition     = alltrue([for channel in var.notification_channels : can(regex("^projects/[^/]+/notificationChannels/[0-9]+$", channel))])
    error_message = "notification_channels must be channel names such as projects/<project>/notificationChannels/<id>."
  }
}

variable "hostname" {
  description = "The portal's host name, e.g. meridian.example.com, in dns_zone; the URL is https://<hostname> (MERIDIAN_PORTAL_URL)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.hostname))
    error_message = "hostname must be a lowercase DNS name without a trailing dot, e.g. meridian.example.com."
  }
}

variable "dns_zone" {
  description = "The name of the Cloud DNS managed zone (in project_id) that holds hostname; the load balancer adds its A record there."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.dns_zone))
    error_message = "dns_zone must be a managed zone name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "network_name" {
  description = "The name of Meridian's own VPC (the platform networking module's name)."
  type        = string
  default     = "meridian-portal"

  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{0,38}[a-z0-9]$", var.network_name))
    error_message = "network_name must be 2 to 40 lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "iap_oauth_client_id" {
  description = "The OAuth client IAP signs users in with, created by hand in the console (Google Auth Platform → Clients, type Web application); see README.md."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+-[a-z0-9]+\\.apps\\.googleusercontent\\.com$", var.iap_oauth_client_id))
    error_message = "iap_oauth_client_id must be an OAuth client id such as 123-abc.apps.googleusercontent.com."
  }
}

variable "iap_oauth_client_secret" {
  description = "The OAuth client's secret (pass it as TF_VAR_iap_oauth_client_secret, not in a file). It ends up in the state."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.iap_oauth_client_secret) > 0
    error_message = "iap_oauth_client_secret must be set."
  }
}

variable "portal_members" {
  description = "Who may open the portal through IAP (roles/iap.httpsResourceAccessor on its backend), e.g. group:engineering@example.com."
  type        = list(string)

  validation {
    condition     = length(var.portal_members) > 0 && alltrue([for member in var.portal_members : can(regex("^(user|group|domain|serviceAccount):[^\\s]+$", member))])
    error_message = "portal_members must be one or more IAM members: user:, group:, domain: or serviceAccount:."
  }
}

variable "admins" {
  description = "Email addresses of Meridian's administrators (MERIDIAN_ADMINS)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for email in var.admins : can(regex("^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$", email))])
    error_message = "admins must be email addresses."
  }
}

variable "broker" {
  description = "The cloudevent-broker module's name (MERIDIAN_BROKER); its topic in a region is <broker>-<region>."
  type        = string
  default     = "broker"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,48}$", var.broker))
    error_message = "broker must be the broker's name: lowercase letters, digits and dashes, at most 49 characters, starting with a letter."
  }
}

variable "recorder" {
  description = "The cloudevent-recorder module's name (MERIDIAN_RECORDER); its dataset is cloudevents_<recorder with - replaced by _>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.recorder))
    error_message = "recorder must be the recorder's name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "github_repository" {
  description = "The repository new services are proposed to, owner/repo (GITHUB_REPOSITORY)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/repo."
  }
}

variable "github_app_id" {
  description = "The GitHub App's numeric id (GITHUB_APP_ID)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+$", var.github_app_id))
    error_message = "github_app_id must be the GitHub App's numeric id."
  }
}

variable "github_app_installation_id" {
  description = "The numeric id of the App's installation on the repository's owner (GITHUB_APP_INSTALLATION_ID)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+$", var.github_app_installation_id))
    error_message = "github_app_installation_id must be the installation's numeric id."
  }
}

variable "secret_adder" {
  description = "The IAM member allowed to add secret versions (roles/secretmanager.secretVersionAdder on each secret), e.g. group:platform-oncall@example.com; the identity running terraform apply must be it or hold that role, since it writes DATABASE_URL."
  type        = string

  validation {
    condition     = can(regex("^(user|group|serviceAccount):[^\\s]+$", var.secret_adder))
    error_message = "secret_adder must be an IAM member: user:, group: or serviceAccount:."
  }
}

variable "database_instance_name" {
  description = "The Cloud SQL instance's name (a deleted instance's name cannot be reused for about a week)."
  type        = string
  default     = "meridian"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.database_instance_name))
    error_message = "database_instance_name must be lowercase letters, digits and dashes, starting with a letter, at most 63 characters."
  }
}

variable "database_tier" {
  description = "The Cloud SQL machine tier (Enterprise edition), e.g. db-custom-1-3840."
  type        = string
  default     = "db-custom-1-3840"

  validation {
    condition     = can(regex("^db-[a-z0-9-]+$", var.database_tier))
    error_message = "database_tier must be a Cloud SQL tier such as db-custom-1-3840."
  }
}

variable "database_availability_type" {
  description = "REGIONAL (a standby in a second zone, the default) or ZONAL."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "ZONAL"], var.database_availability_type)
    error_message = "database_availability_type must be REGIONAL or ZONAL."
  }
}

variable "database_peering_range" {
  description = "The range reserved in Meridian's VPC for private services access (Cloud SQL's private IP). It must not overlap the VPC's subnets (10.0.0.0/8 by default)."
  type        = string
  default     = "172.16.0.0/16"

  validation {
    condition     = can(cidrhost(var.database_peering_range, 0)) && try(tonumber(split("/", var.database_peering_range)[1]) >= 16 && tonumber(split("/", var.database_peering_range)[1]) <= 24, false)
    error_message = "database_peering_range must be a CIDR block of prefix length 16 to 24, e.g. 172.16.0.0/16."
  }
}

variable "min_instances" {
  description = "Instances kept running in each region. At least 1: the portal's alert, job and event workers run in the background of every instance."
  type        = number
  default     = 1

  validation {
    condition     = var.min_instances >= 1 && floor(var.min_instances) == var.min_instances
    error_message = "min_instances must be a whole number of at least 1."
  }
}

variable "max_instances" {
  description = "The most instances in each region."
  type        = number
  default     = 4

  validation {
    condition     = var.max_instances >= var.min_instances && floor(var.max_instances) == var.max_instances
    error_message = "max_instances must be a whole number of at least min_instances."
  }
}

variable "deletion_protection" {
  description = "Protect the Cloud Run services and the Cloud SQL instance from terraform destroy."
  type        = bool
  default     = true
}
