import type { ParamIssue } from "@/lib/templates/param-schema";
import type { TemplateField, TemplateParams } from "@/lib/templates/types";
import { errorKeys, placeIssue } from "./answers";

/** Issues the server reported (validate or a 422 preview), with the answers they were about. */
export interface ServerIssues {
  answers: TemplateParams;
  issues: ParamIssue[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rule to show under each key. Local issues (parseParams on the current answers) show once the
 * key was touched or a preview was attempted. Server issues show where the local rules find nothing,
 * and only while the answer they were about is unchanged: "name is taken" goes the moment the name
 * changes, before the next validation comes back. Key "" collects problems no control owns.
 */
export function visibleErrors(input: {
  fields: TemplateField[];
  answers: TemplateParams;
  local: ParamIssue[];
  server: (ServerIssues | undefined)[];
  touched: ReadonlySet<string>;
  attempted: boolean;
}): Map<string, string> {
  const { fields, answers, local, server, touched, attempted } = input;
  const keys = errorKeys(fields, answers);
  const errors = new Map<string, string>();
  const locallyWrong = new Set<string>();
  for (const issue of local) {
    const key = placeIssue(issue.field, keys);
    locallyWrong.add(key);
    if ((attempted || touched.has(key)) && !errors.has(key)) errors.set(key, issue.rule);
  }
  for (const report of server) {
    for (const issue of report?.issues ?? []) {
      const key = placeIssue(issue.field, keys);
      if (locallyWrong.has(key) || errors.has(key)) continue;
      const top = issue.field.split(".")[0] ?? "";
      if (!same(report?.answers[top], answers[top])) continue;
      errors.set(key, issue.rule);
    }
  }
  return errors;
}

/** The DOM id of a key's control: `triggers.0.eventType` → `field-triggers-0-eventType`. */
export const controlId = (key: string) => `field-${key.replaceAll(".", "-")}`;
