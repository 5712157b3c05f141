import "server-only";
import { env } from "@/server/env";
import type { FileChange } from "@/server/integrations/git/git-provider";
import { moduleSource } from "@/server/services/templates/module-source";
import { hclList, hclString } from "@/server/services/templates/escape";

// The first commit of the embedded repository: the environment every generated service refers to
// (DOMAIN.md §6.1) — one network per region, the CloudEvents broker and the team-wide alerting. A
// service folder is a module the root calls with these (its README says how).

function moduleLines(name: string): string {
  const { source, version } = moduleSource(name);
  return version
    ? `  source  = ${hclString(source)}\n  version = ${hclString(version)}`
    : `  source = ${hclString(source)}`;
}

export function platformSkeleton(): FileChange[] {
  const regions = env().MERIDIAN_REGIONS;
  const main = `# The environment every service under services/ runs in.

locals {
  regions = ${hclList(regions)}
}

module "networking" {
${moduleLines("networking")}

  name       = "meridian"
  project_id = var.project_id
  regions    = local.regions
  team       = "platform"
}

module "cloudevent-broker" {
${moduleLines("cloudevent-broker")}

  name                  = "broker"
  project_id            = var.project_id
  regions               = module.networking.regional-networks
  notification_channels = var.notification_channels
  team                  = "platform"
}

module "alerting" {
${moduleLines("alerting")}

  project_id            = var.project_id
  team                  = "platform"
  notification_channels = var.notification_channels
}
`;
  const variables = `variable "project_id" {
  description = "The Google Cloud project of this environment."
  type        = string
}

variable "notification_channels" {
  description = "Notification channels for every alert of this environment."
  type        = list(string)
}
`;
  const readme = `# Infrastructure

The environment (\`main.tf\`: networking, the CloudEvents broker, alerting) and one folder per service
under \`services/\`, each proposed by Meridian's **New service** as a pull request.
`;
  return [
    { path: "README.md", content: readme },
    { path: "main.tf", content: main },
    { path: "variables.tf", content: variables },
  ];
}
