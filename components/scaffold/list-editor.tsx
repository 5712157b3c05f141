"use client";

import { Button } from "@/components/ui/button";
import { controlId } from "@/lib/scaffold/field-errors";
import { emptyItem, type ListItem } from "@/lib/scaffold/answers";
import type { ListField, ParamValue } from "@/lib/templates/types";
import { FieldControl } from "./field-control";
import { describedBy, FieldError, FieldHelp, OptionalMark } from "./field-shell";

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A list of small records (environment variables, triggers, recorded types): add, edit, remove. */
export function ListEditor({
  field,
  items,
  errors,
  onChange,
  onTouch,
  onRemove,
}: {
  field: ListField;
  items: ListItem[];
  /** Errors by answer key (`env`, `env.0.name`). */
  errors: Map<string, string>;
  onChange: (items: ListItem[]) => void;
  /** Marks an answer key touched (a list entry's field, or the list itself). */
  onTouch: (key: string) => void;
  /** Removes entry `index` (the form also forgets which of its fields were touched). */
  onRemove: (index: number) => void;
}) {
  const min = field.min ?? 0;
  const listError = errors.get(field.name);
  const set = (index: number, name: string, value: ParamValue) =>
    onChange(items.map((item, i) => (i === index ? { ...item, [name]: value as string | boolean } : item)));
  const noun = capitalized(field.itemLabel);
  return (
    <fieldset
      id={controlId(field.name)}
      className="flex min-w-0 flex-col gap-2"
      aria-describedby={describedBy(field.name, { help: field.help, error: listError })}
    >
      <legend className="mb-1 text-sm font-medium text-foreground">
        {field.label}
        {min === 0 && <OptionalMark />}
      </legend>
      {field.help && <FieldHelp fieldKey={field.name}>{field.help}</FieldHelp>}
      {items.length > 0 && (
        <ol className="flex flex-col gap-2">
          {items.map((item, index) => (
            <li key={index} className="relative rounded-md border border-border bg-surface-muted/40 p-3">
              <fieldset className="min-w-0">
                <legend className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">
                  {noun} {index + 1}
                </legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  {field.item.map((sub) => {
                    const key = `${field.name}.${index}.${sub.name}`;
                    return (
                      <FieldControl
                        key={sub.name}
                        field={sub}
                        fieldKey={key}
                        value={item[sub.name]}
                        error={errors.get(key)}
                        options={sub.type === "select" ? (sub.options ?? []) : []}
                        onChange={(value) => {
                          set(index, sub.name, value);
                          onTouch(key);
                        }}
                        onBlur={() => onTouch(key)}
                      />
                    );
                  })}
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  className="absolute top-1.5 right-1.5"
                  disabled={items.length <= min}
                  title={items.length <= min ? `At least ${min} ${field.itemLabel} is needed` : undefined}
                  aria-label={`Remove ${field.itemLabel} ${index + 1}`}
                  onClick={() => onRemove(index)}
                >
                  Remove
                </Button>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <div className="flex items-center gap-3">
        <Button
          size="sm"
          disabled={items.length >= field.max}
          onClick={() => {
            onChange([...items, emptyItem(field)]);
            onTouch(field.name);
          }}
        >
          <svg viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M8 3.5v9M3.5 8h9" strokeLinecap="round" />
          </svg>
          Add {field.itemLabel}
        </Button>
        {items.length === 0 && <span className="text-xs text-muted">None yet.</span>}
        {items.length >= field.max && (
          <span className="text-xs text-muted">
            At most {field.max} {field.itemLabel} entries.
          </span>
        )}
      </div>
      <FieldError fieldKey={field.name} error={listError} />
    </fieldset>
  );
}
