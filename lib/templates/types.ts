import type { ServiceKind } from "@/lib/catalog";

// The JSON shapes of templates and previews (docs/API.md), shared by the server and the wizard.
// A template's parameters are data (its `template.json`); lib/templates/param-schema.ts turns them into
// the one zod schema that both the form and the server validate with.

/** A named value rule from lib/templates/rules.ts; the rule's text is what a user sees under a field. */
export type RuleName =
  | "service-name"
  | "label-value"
  | "env-name"
  | "event-type"
  | "attribute-name"
  | "hostname"
  | "cron"
  | "text"
  | "free-text"
  | "short-name";

/** Where a select's options come from when they are not listed in the manifest. */
export type OptionSource = "regions" | "teams" | "github-events";

interface FieldBase {
  /** The answer's key; letters and digits, starting with a lowercase letter. */
  name: string;
  label: string;
  help?: string;
  /** Shown and validated only while another boolean or select field has one of these values. */
  visibleWhen?: { field: string; equals: (string | boolean)[] };
}

export interface TextField extends FieldBase {
  type: "text";
  rule: RuleName;
  required?: boolean;
  default?: string;
  placeholder?: string;
  /** A textarea instead of one line. */
  multiline?: boolean;
}

export interface SelectField extends FieldBase {
  type: "select";
  options?: { value: string; label: string }[];
  optionsFrom?: OptionSource;
  default?: string;
  required?: boolean;
}

export interface MultiSelectField extends FieldBase {
  type: "multiselect";
  optionsFrom?: OptionSource;
  options?: { value: string; label: string }[];
  default?: string[];
  min?: number;
  max?: number;
}

export interface BooleanField extends FieldBase {
  type: "boolean";
  default?: boolean;
}

export interface IntegerField extends FieldBase {
  type: "integer";
  min: number;
  max: number;
  default: number;
}

/** A list of small records, e.g. environment variables or triggers. */
export interface ListField extends FieldBase {
  type: "list";
  /** The item's fields: text, select or boolean only. */
  item: (TextField | SelectField | BooleanField)[];
  min?: number;
  max: number;
  /** Values of this item field must be unique across the list. */
  uniqueBy?: string;
  /** Singular noun for the "Add …" button. */
  itemLabel: string;
}

export type TemplateField =
  TextField | SelectField | MultiSelectField | BooleanField | IntegerField | ListField;

export type ParamValue = string | number | boolean | string[] | Record<string, string | boolean>[];
export type TemplateParams = Record<string, ParamValue>;

/** A template as listed in the gallery. */
export interface TemplateSummary {
  id: string;
  version: string;
  title: string;
  description: string;
  kind: ServiceKind;
}

/** A template with the fields of its form and the options of every select. */
export interface TemplateDetail extends TemplateSummary {
  fields: TemplateField[];
  /** Options for `optionsFrom` selects, resolved for the person asking. */
  options: Record<OptionSource, { value: string; label: string }[]>;
}

export type FileStatus = "added" | "modified" | "unchanged";

export interface PreviewFile {
  path: string;
  content: string;
  status: FileStatus;
  /** What the target repository holds at this path today; null when the file is new. */
  previous: string | null;
  language: "hcl" | "go" | "json" | "markdown" | "gomod" | "text";
}

export interface PreviewCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PreviewResponse {
  template: { id: string; version: string };
  /** The service folder every file is in, e.g. `services/checkout-api/`. */
  root: string;
  files: PreviewFile[];
  summary: string;
  checks: PreviewCheck[];
}

/** Field problems for the live form; `field` is the answer's key (`name`, `triggers.0.eventType`). */
export interface ValidationResponse {
  ok: boolean;
  issues: { field: string; rule: string }[];
}
