import { z } from "zod";
import { serviceKinds } from "../catalog";
import type { PreviewResponse, TemplateSummary, ValidationResponse } from "../templates/types";
import { apiSchemas, doc, type Same } from "./response-schemas";

// Response mirrors of the template and scaffold API (lib/templates/types.ts) for the OpenAPI document.

export const templateSummarySchema = z.object({
  id: z.string(),
  version: doc(z.string(), "Semantic version of the template."),
  title: z.string(),
  description: z.string(),
  kind: z.enum(serviceKinds),
});
apiSchemas.add(templateSummarySchema, { id: "TemplateSummary", description: "A template in the gallery." });

export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });
apiSchemas.add(templateListSchema, { id: "TemplateList", description: "Every template." });

const option = z.object({ value: z.string(), label: z.string() });

export const templateDetailSchema = templateSummarySchema.extend({
  fields: doc(
    z.array(z.looseObject({ name: z.string(), type: z.string(), label: z.string() })),
    "The form, in order: `text` (with `rule`), `select`, `multiselect`, `boolean`, `integer` (`min`, `max`) and `list` (`item` fields). `visibleWhen: {field, equals}` makes a field conditional; hidden fields are neither validated nor used. `optionsFrom` names a list in `options`.",
  ),
  options: z.object({ teams: z.array(option), regions: z.array(option), "github-events": z.array(option) }),
});
apiSchemas.add(templateDetailSchema, { id: "TemplateDetail", description: "A template with its form." });

export const previewResponseSchema = z.object({
  template: z.object({ id: z.string(), version: z.string() }),
  root: doc(z.string(), "The service folder every file is in: `services/<name>/`."),
  files: z.array(
    z.object({
      path: z.string(),
      content: z.string(),
      status: doc(z.enum(["added", "modified", "unchanged"]), "Against the target repository's base branch."),
      previous: doc(z.string().nullable(), "The file at the base branch; null when it is new."),
      language: z.enum(["hcl", "go", "json", "markdown", "gomod", "text"]),
    }),
  ),
  summary: doc(
    z.string(),
    "In words, what would exist: services and regions, triggers, dashboards, alert policies.",
  ),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});
apiSchemas.add(previewResponseSchema, {
  id: "ScaffoldPreview",
  description: "Every file a scaffold run would propose, with the checks they passed.",
});

export const validationResponseSchema = z.object({
  ok: z.boolean(),
  issues: z.array(
    z.object({
      field: doc(z.string(), "The answer's key, with list indexes: `name`, `triggers.0.eventType`."),
      rule: z.string(),
    }),
  ),
});
apiSchemas.add(validationResponseSchema, {
  id: "AnswerValidation",
  description: "The field issues of a set of answers, for the live form.",
});

const _driftChecks: {
  summary: Same<z.infer<typeof templateSummarySchema>, TemplateSummary>;
  preview: Same<z.infer<typeof previewResponseSchema>, PreviewResponse>;
  validation: Same<z.infer<typeof validationResponseSchema>, ValidationResponse>;
} = { summary: true, preview: true, validation: true };
void _driftChecks;
