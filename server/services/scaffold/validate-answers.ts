import "server-only";
import type { ValidationResponse } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import { findTemplate } from "@/server/services/templates/template-catalog";
import { checkAnswers } from "./check-answers";

/** The wizard's live validation: the same rules as the preview, as a 200 with the field issues. */
export async function validateAnswers(
  db: Db,
  templateId: string,
  params: unknown,
): Promise<ValidationResponse> {
  const result = await checkAnswers(db, await findTemplate(templateId), params);
  return result.ok ? { ok: true, issues: [] } : { ok: false, issues: result.issues };
}
