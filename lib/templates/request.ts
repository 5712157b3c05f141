import { z } from "zod";

// Request bodies of the template and scaffold API; the answers themselves are checked against the
// template's fields (param-schema.ts), so here they are only an object.

export const templateId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, { message: "must be a template id such as http-service" });

const answers = z.record(z.string(), z.unknown(), { message: "must be an object of answers" });

export const previewRequest = z.strictObject({
  template: templateId,
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { message: "must be a semantic version such as 1.0.0" })
    .optional(),
  params: answers,
});

export const validateRequest = z.strictObject({ template: templateId, params: answers });
