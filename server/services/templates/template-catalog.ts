import "server-only";
import { AppError } from "@/lib/errors";
import { githubEvents } from "@/lib/templates/github-events";
import type { OptionValues } from "@/lib/templates/param-schema";
import type { OptionSource, TemplateDetail, TemplateSummary } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { loadTemplates, type LoadedTemplate } from "./load-templates";

const summary = ({ id, version, title, description, kind }: LoadedTemplate): TemplateSummary => ({
  id,
  version,
  title,
  description,
  kind,
});

export async function listTemplates(): Promise<TemplateSummary[]> {
  return [...(await loadTemplates()).values()].map(summary);
}

/** The template, or a 404; `version`, when given, must be the one the portal has. */
export async function findTemplate(id: string, version?: string): Promise<LoadedTemplate> {
  const template = (await loadTemplates()).get(id);
  if (!template) throw new AppError("not_found", `Template "${id}" does not exist`);
  if (version !== undefined && version !== template.version)
    throw new AppError(
      "unprocessable",
      `Template "${id}" is at version ${template.version}, not ${version}`,
      [{ field: "body.version", rule: `must be ${template.version}, the version the portal has` }],
    );
  return template;
}

/** The options of every `optionsFrom` select: the catalog's teams, the environment's regions, GitHub events. */
export async function templateOptions(db: Db): Promise<TemplateDetail["options"]> {
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    select: { name: true, displayName: true },
  });
  return {
    teams: teams.map((t) => ({ value: t.name, label: t.displayName })),
    regions: env().MERIDIAN_REGIONS.map((r) => ({ value: r, label: r })),
    "github-events": githubEvents.map((e) => ({ value: e, label: e })),
  };
}

export const optionValues = (options: TemplateDetail["options"]): OptionValues =>
  Object.fromEntries(
    Object.entries(options).map(([source, list]) => [source as OptionSource, list.map((o) => o.value)]),
  );

export async function getTemplate(db: Db, id: string): Promise<TemplateDetail> {
  const template = await findTemplate(id);
  return { ...summary(template), fields: template.fields, options: await templateOptions(db) };
}
