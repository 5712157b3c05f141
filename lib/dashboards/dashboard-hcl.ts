import { dashboardJson } from "./dashboard-json";
import type { DashboardLayout } from "./types";

// The layout as a google_monitoring_dashboard resource. dashboard_json is an indented heredoc holding
// the pretty-printed JSON rather than jsonencode(<HCL object>): JSON text is already a valid heredoc
// body once template sequences are escaped (heredocs take backslashes, quotes and the JSON's `\n`
// escapes literally), it reads like the console's JSON, and the value Terraform computes is exactly
// JSON.stringify(dashboardJson(layout), null, 2) plus the heredoc's final newline.

/** A Terraform resource name: a letter or underscore, then letters, digits, underscores, dashes. */
const HCL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** `var.project_id`, `local.project`, `module.project.id`: a plain reference, nothing evaluated. */
const HCL_TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/;
const HEREDOC_MARKER = "EOT";
const INDENT = "    ";

export interface DashboardHclOptions {
  /** Defaults to dashboardResourceName(layout.service). */
  resourceName?: string;
  /** An HCL reference to the project id; defaults to `var.project_id`. */
  projectExpression?: string;
}

/** `checkout-api` → `checkout_api`; throws when nothing usable is left of the name. */
export function dashboardResourceName(service: string): string {
  const name = service
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (name === "") throw new Error(`Cannot derive a Terraform resource name from ${JSON.stringify(service)}`);
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * Escapes template sequences so HCL reads them as literal text: `${` → `$${`, `%{` → `%%{`.
 * A run like `$${` in the input becomes `$$${`, which HCL reads back as `$` + `${`.
 */
export function escapeHclTemplate(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** The heredoc for `text`; every line is indented and `<<-` strips the indent again. */
function heredoc(text: string, indent: string): string {
  const lines = escapeHclTemplate(text).split("\n");
  // JSON lines start with a quote, a bracket, a brace or a digit, so this only guards misuse.
  if (lines.some((line) => line.trim() === HEREDOC_MARKER)) {
    throw new Error(`Heredoc body contains its own end marker ${HEREDOC_MARKER}`);
  }
  const body = lines.map((line) => `${indent}${INDENT}${line}`).join("\n");
  return `<<-${HEREDOC_MARKER}\n${body}\n${indent}${INDENT}${HEREDOC_MARKER}`;
}

/** The google_monitoring_dashboard resource for the layout, as a Terraform snippet. */
export function dashboardHcl(layout: DashboardLayout, options: DashboardHclOptions = {}): string {
  const resourceName = options.resourceName ?? dashboardResourceName(layout.service);
  if (!HCL_IDENTIFIER.test(resourceName)) {
    throw new Error(
      `Invalid Terraform resource name ${JSON.stringify(resourceName)}: ` +
        "use letters, digits, underscores and dashes, starting with a letter or underscore",
    );
  }
  const project = options.projectExpression ?? "var.project_id";
  if (!HCL_TRAVERSAL.test(project)) {
    throw new Error(
      `Invalid project expression ${JSON.stringify(project)}: use a reference such as var.project_id`,
    );
  }
  const json = JSON.stringify(dashboardJson(layout), null, 2);
  return [
    `resource "google_monitoring_dashboard" "${resourceName}" {`,
    `  project        = ${project}`,
    `  dashboard_json = ${heredoc(json, "  ")}`,
    `}`,
    ``,
  ].join("\n");
}
