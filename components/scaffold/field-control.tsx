"use client";

import { cn } from "@/components/ui/cn";
import { Input, Select, Textarea } from "@/components/ui/field";
import { controlId } from "@/lib/scaffold/field-errors";
import type { ParamValue, TemplateField } from "@/lib/templates/types";
import { describedBy, FieldError, FieldHelp, FieldShell, OptionalMark } from "./field-shell";

type Option = { value: string; label: string };
type ItemField = Extract<TemplateField, { type: "list" }>["item"][number];

export interface FieldControlProps {
  field: Exclude<TemplateField, { type: "list" }> | ItemField;
  /** The answer's key: `name`, or `env.0.value` inside a list. */
  fieldKey: string;
  value: ParamValue | undefined;
  error: string | undefined;
  /** Options of a select or multiselect (listed in the manifest or resolved from `optionsFrom`). */
  options: Option[];
  onChange: (value: ParamValue) => void;
  onBlur: () => void;
}

/** One field of a template's form, drawn from its type: text, select, boolean, integer or multiselect. */
export function FieldControl(props: FieldControlProps) {
  const { field, fieldKey, value, error, options, onChange, onBlur } = props;
  const id = controlId(fieldKey);
  const common = {
    id,
    name: fieldKey,
    invalid: Boolean(error),
    "aria-describedby": describedBy(fieldKey, { help: field.help, error }),
    onBlur,
  };
  switch (field.type) {
    case "text": {
      const text = typeof value === "string" ? value : "";
      return (
        <FieldShell
          fieldKey={fieldKey}
          label={field.label}
          help={field.help}
          error={error}
          optional={!field.required}
        >
          {field.multiline ? (
            <Textarea
              {...common}
              rows={3}
              value={text}
              placeholder={field.placeholder}
              onChange={(e) => onChange(e.target.value)}
            />
          ) : (
            <Input
              {...common}
              value={text}
              placeholder={field.placeholder}
              autoComplete="off"
              spellCheck={false}
              aria-required={field.required || undefined}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </FieldShell>
      );
    }
    case "select": {
      const selected = typeof value === "string" ? value : "";
      return (
        <FieldShell fieldKey={fieldKey} label={field.label} help={field.help} error={error}>
          <Select
            {...common}
            value={selected}
            aria-required={field.required || undefined}
            onChange={(e) => onChange(e.target.value)}
          >
            {(selected === "" || !options.some((o) => o.value === selected)) && (
              <option value={selected} disabled>
                Choose…
              </option>
            )}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </FieldShell>
      );
    }
    case "integer": {
      const shown = typeof value === "number" || typeof value === "string" ? String(value) : "";
      return (
        <FieldShell
          fieldKey={fieldKey}
          label={field.label}
          help={field.help ?? `${field.min}–${field.max}`}
          error={error}
        >
          <Input
            {...common}
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            step={1}
            className="w-36!"
            value={shown}
            onChange={(e) => {
              const raw = e.target.value;
              // Keep what cannot be a number as text, so the rule ("must be a whole number") shows.
              onChange(raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw);
            }}
          />
        </FieldShell>
      );
    }
    case "boolean":
      return (
        <div className="flex flex-col gap-1">
          <div className="flex items-start gap-2">
            <input
              id={id}
              name={fieldKey}
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 rounded border-border accent-accent"
              checked={value === true}
              aria-describedby={common["aria-describedby"]}
              aria-invalid={Boolean(error) || undefined}
              onChange={(e) => onChange(e.target.checked)}
              onBlur={onBlur}
            />
            <label htmlFor={id} className="text-sm font-medium text-foreground">
              {field.label}
            </label>
          </div>
          <div className="flex flex-col gap-1 pl-6">
            {field.help && <FieldHelp fieldKey={fieldKey}>{field.help}</FieldHelp>}
            <FieldError fieldKey={fieldKey} error={error} />
          </div>
        </div>
      );
    case "multiselect":
      return <MultiSelectControl {...props} field={field} />;
  }
}

function MultiSelectControl({
  field,
  fieldKey,
  value,
  error,
  options,
  onChange,
  onBlur,
}: FieldControlProps & { field: Extract<TemplateField, { type: "multiselect" }> }) {
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const id = controlId(fieldKey);
  const toggle = (option: string, on: boolean) =>
    // Keep the order of the options, so the answers (and the generated files) do not depend on clicks.
    onChange(options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v))));
  return (
    <fieldset
      id={id}
      className="flex min-w-0 flex-col gap-1.5"
      aria-describedby={describedBy(fieldKey, { help: field.help, error })}
      aria-invalid={Boolean(error) || undefined}
    >
      <legend className="mb-1.5 text-sm font-medium text-foreground">
        {field.label}
        {(field.min ?? 0) === 0 && <OptionalMark />}
      </legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((o) => {
          const optionId = `${id}-${o.value}`;
          const on = chosen.includes(o.value);
          return (
            <div key={o.value}>
              <input
                id={optionId}
                type="checkbox"
                className="peer sr-only"
                checked={on}
                onChange={(e) => toggle(o.value, e.target.checked)}
                onBlur={onBlur}
              />
              <label
                htmlFor={optionId}
                className={cn(
                  "inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-full border px-2.5 font-mono text-xs transition-colors select-none",
                  "peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring",
                  on
                    ? "border-accent/40 bg-accent/10 text-accent"
                    : "border-border bg-surface text-muted hover:border-border-strong hover:text-foreground",
                  error && !on && "border-danger/40",
                )}
              >
                <svg viewBox="0 0 16 16" aria-hidden className="size-3.5" fill="none" stroke="currentColor">
                  {on ? (
                    <path d="M3.5 8.5l3 3 6-7" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                  ) : (
                    <path d="M8 3.5v9M3.5 8h9" strokeWidth="1.5" strokeLinecap="round" />
                  )}
                </svg>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
      {field.help && <FieldHelp fieldKey={fieldKey}>{field.help}</FieldHelp>}
      <FieldError fieldKey={fieldKey} error={error} />
    </fieldset>
  );
}
