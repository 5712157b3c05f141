import { ApiError } from "@/lib/query-client";
import type { ParamIssue } from "@/lib/templates/param-schema";

const PARAMS = "body.params.";

/**
 * The answer issues of a failed preview (a 422): `body.params.name` → `name`. Problems with the
 * request itself (`body.version`) become form-level issues (field ""). Empty for any other failure.
 */
export function previewIssues(error: unknown): ParamIssue[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const body = error.body?.error;
  const issues = (body?.issues ?? []).map((i) =>
    i.field.startsWith(PARAMS)
      ? { field: i.field.slice(PARAMS.length), rule: i.rule }
      : { field: "", rule: `${i.field.replace(/^body\./, "")} ${i.rule}` },
  );
  return issues.length > 0 ? issues : [{ field: "", rule: body?.message ?? error.message }];
}
