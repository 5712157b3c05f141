import "server-only";
import path from "node:path";
import { alertPoliciesHcl } from "@/lib/alerts/alert-policy-hcl";
import { dashboardHcl } from "@/lib/dashboards/dashboard-hcl";
import { serviceDashboard } from "@/lib/dashboards/service-layout";
import type { TemplateParams } from "@/lib/templates/types";
import { deriveValues } from "./derive-values";
import type { FileLanguage, RenderContext } from "./handlebars-env";
import type { LoadedTemplate } from "./load-templates";
import { moduleSource } from "./module-source";
import { templatePolicies } from "./template-policies";

export interface RenderedFile {
  path: string;
  content: string;
  language: FileLanguage;
}

export const serviceRoot = (name: string) => `services/${name}/`;

/** A rendered path, refused unless it stays inside the service folder. */
function safePath(root: string, rendered: string): string {
  const joined = path.posix.normalize(path.posix.join(root, rendered));
  if (
    rendered.startsWith("/") ||
    rendered.includes("\\") ||
    rendered.split("/").includes("..") ||
    !joined.startsWith(root)
  )
    throw new Error(`Template path ${JSON.stringify(rendered)} leaves the service folder ${root}`);
  return joined;
}

/**
 * Renders every file of a template for validated answers, exactly as the templates write them: the
 * Terraform templates are written in canonical format, which the preview's checks verify.
 */
export function renderTemplate(template: LoadedTemplate, params: TemplateParams): RenderedFile[] {
  const name = params.name as string;
  const derived = deriveValues(template.kind, params);
  const context: RenderContext = {
    moduleSource,
    dashboardTerraform: () =>
      dashboardHcl(serviceDashboard({ name, kind: template.kind, triggers: derived.triggerNames })),
    alertsTerraform: () => alertPoliciesHcl(name, templatePolicies(template.kind, name, derived)),
  };
  const view = {
    ...params,
    ...derived,
    template: { id: template.id, version: template.version, kind: template.kind },
    __context: context,
  };
  const root = serviceRoot(name);
  // A `[list]` file is rendered once per item, the item's answers over the service's.
  const jobs = template.files.flatMap((file) =>
    file.each
      ? ((params[file.each] ?? []) as Record<string, unknown>[]).map((item) => ({
          file,
          view: { ...view, ...item },
        }))
      : [{ file, view }],
  );
  const files = jobs.map(({ file, view }) => ({
    path: safePath(root, file.path(view)),
    content: file.content(view),
    language: file.language,
  }));
  // A file that renders to nothing (e.g. outputs only some services have) is not generated.
  return files.filter((f) => f.content.trim() !== "").sort((a, b) => a.path.localeCompare(b.path));
}
