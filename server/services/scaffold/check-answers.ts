import "server-only";
import { AppError } from "@/lib/errors";
import { parseParams, type ParamIssue } from "@/lib/templates/param-schema";
import type { TemplateParams } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import type { LoadedTemplate } from "@/server/services/templates/load-templates";
import { serviceRoot } from "@/server/services/templates/render-template";
import { optionValues, templateOptions } from "@/server/services/templates/template-catalog";
import { repository } from "./repository";

/** The 422 for answers that break their rules, each issue at `body.params.<key>`. */
export function invalidAnswers(issues: ParamIssue[]): AppError {
  return new AppError(
    "unprocessable",
    `Invalid answers: ${issues.map((i) => `${i.field} ${i.rule}`).join("; ")}`,
    issues.map((i) => ({ field: `body.params.${i.field}`, rule: i.rule })),
  );
}

export type CheckedAnswers = { ok: true; params: TemplateParams } | { ok: false; issues: ParamIssue[] };

/**
 * The answers as the form's rules see them (lib/templates/param-schema.ts), then what only the server
 * knows: the team exists, the region is one of the environment's, and the name is free in the catalog
 * and in the target repository.
 */
export async function checkAnswers(
  db: Db,
  template: LoadedTemplate,
  input: unknown,
): Promise<CheckedAnswers> {
  const parsed = parseParams(template.fields, input, optionValues(await templateOptions(db)));
  if (!parsed.ok) return parsed;
  const name = parsed.params.name as string;
  const issues: ParamIssue[] = [];
  const existing = await db.service.findUnique({
    where: { name },
    select: { team: { select: { name: true } } },
  });
  if (existing)
    issues.push({
      field: "name",
      rule: `is taken: the catalog has a service "${name}" (team ${existing.team.name})`,
    });
  else if (await (await repository(db)).pathExists(serviceRoot(name)))
    issues.push({ field: "name", rule: `is taken: the repository already has ${serviceRoot(name)}` });
  return issues.length ? { ok: false, issues } : parsed;
}
