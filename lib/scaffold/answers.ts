import { defaultParams, isVisible } from "@/lib/templates/param-schema";
import type { ListField, TemplateField, TemplateParams } from "@/lib/templates/types";

// Browser-side helpers for the wizard's answers: what a fresh form starts from, what a stored draft
// may bring back, and the answer keys the form can show a problem under.

export type ListItem = Record<string, string | boolean>;

/** A new list entry: each item field at its default (empty text, the first-listed default option). */
export function emptyItem(field: ListField): ListItem {
  return Object.fromEntries(
    field.item.map((f) => [f.name, f.type === "boolean" ? (f.default ?? false) : (f.default ?? "")]),
  );
}

/** The template's defaults, with the minimum number of (empty) entries in lists that need some. */
export function initialAnswers(fields: TemplateField[]): TemplateParams {
  const answers = defaultParams(fields);
  for (const field of fields)
    if (field.type === "list" && (field.min ?? 0) > 0)
      answers[field.name] = Array.from({ length: field.min ?? 0 }, () => emptyItem(field));
  return answers;
}

/** Stored answers over the defaults, keeping only keys the template (still) has. */
export function reviveAnswers(fields: TemplateField[], initial: TemplateParams, stored: unknown) {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return initial;
  const known = new Set(fields.map((f) => f.name));
  const kept = Object.entries(stored).filter(([key]) => known.has(key));
  return { ...initial, ...Object.fromEntries(kept) } as TemplateParams;
}

/** The list's entries, or none when the stored value is not a list. */
export function listItems(answers: TemplateParams, name: string): ListItem[] {
  const value = answers[name];
  return Array.isArray(value) ? (value.filter((v) => typeof v === "object" && v !== null) as ListItem[]) : [];
}

/** Every key the form renders a control (and so an error) for: visible fields and list entries' fields. */
export function errorKeys(fields: TemplateField[], answers: TemplateParams): Set<string> {
  const keys = new Set<string>();
  for (const field of fields) {
    if (!isVisible(field, answers)) continue;
    keys.add(field.name);
    if (field.type === "list")
      listItems(answers, field.name).forEach((_, index) => {
        for (const sub of field.item) keys.add(`${field.name}.${index}.${sub.name}`);
      });
  }
  return keys;
}

/** The closest key the form shows: `regions.2` → `regions`; "" when none (a form-level problem). */
export function placeIssue(field: string, keys: Set<string>): string {
  const parts = field.split(".");
  while (parts.length > 0) {
    const key = parts.join(".");
    if (keys.has(key)) return key;
    parts.pop();
  }
  return "";
}

/** Touched keys after removing entry `index` of list `name`: later entries move up one. */
export function shiftTouched(touched: string[], name: string, index: number): string[] {
  const prefix = `${name}.`;
  return touched.flatMap((key) => {
    if (!key.startsWith(prefix)) return [key];
    const [at, ...rest] = key.slice(prefix.length).split(".");
    const n = Number(at);
    if (!Number.isInteger(n) || rest.length === 0) return [key];
    if (n === index) return [];
    return [n > index ? `${prefix}${n - 1}.${rest.join(".")}` : key];
  });
}
