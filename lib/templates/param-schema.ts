import { z } from "zod";
import { rules } from "./rules";
import type { ParamValue, TemplateField, TemplateParams } from "./types";

// A template's fields (data from its template.json) → validation of the answers. The wizard runs this
// on every keystroke; the server runs it again before rendering. Hidden fields (visibleWhen not met)
// are neither validated nor passed on, so a hidden hostname can never reach generated code.

export interface ParamIssue {
  /** The answer's key, with list indexes: `name`, `env.2.value`. */
  field: string;
  rule: string;
}

export type ParseResult = { ok: true; params: TemplateParams } | { ok: false; issues: ParamIssue[] };

/** Allowed values per `optionsFrom` source, for select validation. */
export type OptionValues = Partial<Record<string, readonly string[]>>;

type ItemField = Extract<TemplateField, { type: "list" }>["item"][number];

function optionValues(field: { options?: { value: string }[]; optionsFrom?: string }, sources: OptionValues) {
  return field.options?.map((o) => o.value) ?? (field.optionsFrom ? (sources[field.optionsFrom] ?? []) : []);
}

function oneOf(values: readonly string[]) {
  return z.string().refine((v) => values.includes(v), {
    message:
      values.length > 6 ? "must be one of the offered options" : `must be one of: ${values.join(", ")}`,
  });
}

/** The zod schema for one field's value (visible, and so required to be well-formed). */
function fieldSchema(field: TemplateField | ItemField, sources: OptionValues): z.ZodType<ParamValue> {
  switch (field.type) {
    case "text": {
      const rule = rules[field.rule];
      if (field.required)
        return z.string({ message: "is required" }).min(1, { message: "is required" }).pipe(rule);
      // Optional: empty means "not given"; anything else must follow the rule.
      return z.string({ message: "must be text" }).transform((value, ctx) => {
        if (value === "") return value;
        const result = rule.safeParse(value);
        if (result.success) return result.data;
        ctx.addIssue({ code: "custom", message: result.error.issues[0]?.message ?? "is not valid" });
        return z.NEVER;
      });
    }
    case "select": {
      const schema = oneOf(optionValues(field, sources));
      return z.string({ message: "is required" }).min(1, { message: "is required" }).pipe(schema);
    }
    case "boolean":
      return z.boolean({ message: "must be true or false" });
    case "integer":
      return z
        .number({ message: "must be a whole number" })
        .int({ message: "must be a whole number" })
        .min(field.min, { message: `must be at least ${field.min}` })
        .max(field.max, { message: `must be at most ${field.max}` });
    case "multiselect": {
      const min = field.min ?? 0;
      const max = field.max ?? Infinity;
      return z
        .array(oneOf(optionValues(field, sources)), { message: "must be a list" })
        .min(min, { message: min === 1 ? "pick at least one" : `pick at least ${min}` })
        .max(max, { message: `pick at most ${max}` })
        .refine((v) => new Set(v).size === v.length, { message: "must not repeat a value" });
    }
    case "list":
      throw new Error("lists are validated item by item");
  }
}

function isVisible(field: { visibleWhen?: TemplateField["visibleWhen"] }, answers: Record<string, unknown>) {
  if (!field.visibleWhen) return true;
  return field.visibleWhen.equals.includes(answers[field.visibleWhen.field] as string | boolean);
}

function defaultValue(field: TemplateField | ItemField): ParamValue | undefined {
  switch (field.type) {
    case "text":
      return field.default ?? "";
    case "boolean":
      return field.default ?? false;
    case "multiselect":
      return field.default ?? [];
    case "list":
      return [];
    default:
      return field.default;
  }
}

function check(
  schema: z.ZodType<ParamValue>,
  value: unknown,
  path: string,
  issues: ParamIssue[],
): ParamValue | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // One rule per field: the first a person has to fix.
  const first = result.error.issues[0];
  const sub = first && first.path.length > 0 ? `.${first.path.join(".")}` : "";
  issues.push({ field: `${path}${sub}`, rule: first?.message ?? "is not valid" });
  return undefined;
}

function parseList(
  field: Extract<TemplateField, { type: "list" }>,
  value: unknown,
  sources: OptionValues,
  issues: ParamIssue[],
): ParamValue | undefined {
  if (!Array.isArray(value)) {
    issues.push({ field: field.name, rule: "must be a list" });
    return undefined;
  }
  if (value.length < (field.min ?? 0))
    issues.push({ field: field.name, rule: `needs at least ${field.min} ${field.itemLabel}` });
  if (value.length > field.max) {
    issues.push({ field: field.name, rule: `allows at most ${field.max} ${field.itemLabel} entries` });
    return undefined;
  }
  const items: Record<string, string | boolean>[] = [];
  value.forEach((raw, index) => {
    const path = `${field.name}.${index}`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.push({ field: path, rule: "must be an object" });
      return;
    }
    const item: Record<string, string | boolean> = {};
    const known = new Set(field.item.map((f) => f.name));
    for (const key of Object.keys(raw))
      if (!known.has(key)) issues.push({ field: `${path}.${key}`, rule: "is not a known field" });
    for (const sub of field.item) {
      const given = (raw as Record<string, unknown>)[sub.name];
      const parsed = check(
        fieldSchema(sub, sources),
        given ?? defaultValue(sub),
        `${path}.${sub.name}`,
        issues,
      );
      if (parsed !== undefined) item[sub.name] = parsed as string | boolean;
    }
    items.push(item);
  });
  if (field.uniqueBy) {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = String(item[field.uniqueBy!] ?? "");
      if (key === "") return;
      if (seen.has(key))
        issues.push({ field: `${field.name}.${index}.${field.uniqueBy}`, rule: "is already used above" });
      else seen.set(key, index);
    });
  }
  return items;
}

/**
 * Validates a template's answers: unknown keys are refused, missing ones take their defaults, hidden
 * fields are dropped. Returns the answers every template file is rendered from, or the field issues.
 */
export function parseParams(
  fields: TemplateField[],
  input: unknown,
  sources: OptionValues = {},
): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, issues: [{ field: "", rule: "must be an object of answers" }] };
  const raw = input as Record<string, unknown>;
  const issues: ParamIssue[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(raw))
    if (!known.has(key)) issues.push({ field: key, rule: "is not a parameter of this template" });

  const params: TemplateParams = {};
  // Fields that others depend on come first in every manifest, so visibility reads parsed answers.
  for (const field of fields) {
    if (!isVisible(field, params)) continue;
    const value = raw[field.name] ?? defaultValue(field);
    const parsed =
      field.type === "list"
        ? parseList(field, value, sources, issues)
        : check(fieldSchema(field, sources), value, field.name, issues);
    if (parsed !== undefined) params[field.name] = parsed;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, params };
}

/** The answers a fresh form starts from. */
export function defaultParams(fields: TemplateField[]): TemplateParams {
  const out: TemplateParams = {};
  for (const field of fields) {
    const value = defaultValue(field);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

export { isVisible };
