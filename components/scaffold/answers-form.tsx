"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { listItems, type ListItem } from "@/lib/scaffold/answers";
import { isVisible } from "@/lib/templates/param-schema";
import type { ParamValue, TemplateDetail, TemplateField, TemplateParams } from "@/lib/templates/types";
import { FieldControl } from "./field-control";
import { ListEditor } from "./list-editor";

function optionsFor(field: TemplateField, template: TemplateDetail) {
  if (field.type !== "select" && field.type !== "multiselect") return [];
  return field.options ?? (field.optionsFrom ? template.options[field.optionsFrom] : []);
}

/** The template's form, drawn from its fields; hidden fields (visibleWhen) are left out. */
export function AnswersForm({
  template,
  answers,
  errors,
  formError,
  checking,
  previewPending,
  onChange,
  onTouch,
  onRemoveItem,
  onPreview,
  onStartOver,
}: {
  template: TemplateDetail;
  answers: TemplateParams;
  /** The rule to show under each answer key; key "" holds problems no field owns. */
  errors: Map<string, string>;
  /** Why the last preview could not be made, when it was not the answers. */
  formError: string | undefined;
  /** The server is checking the answers (name free in the catalog). */
  checking: boolean;
  previewPending: boolean;
  onChange: (name: string, value: ParamValue) => void;
  onTouch: (key: string) => void;
  onRemoveItem: (list: string, index: number) => void;
  onPreview: () => void;
  onStartOver: () => void;
}) {
  const problems = [...errors.keys()].length;
  const general = errors.get("");
  return (
    <form
      noValidate
      className="max-w-3xl"
      aria-label={`Answers for a new ${template.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        onPreview();
      }}
    >
      <Card>
        <div className="space-y-6 p-4 sm:p-6">
          {template.fields
            .filter((field) => isVisible(field, answers))
            .map((field) =>
              field.type === "list" ? (
                <ListEditor
                  key={field.name}
                  field={field}
                  items={listItems(answers, field.name)}
                  errors={errors}
                  onChange={(items: ListItem[]) => onChange(field.name, items)}
                  onTouch={onTouch}
                  onRemove={(index) => onRemoveItem(field.name, index)}
                />
              ) : (
                <FieldControl
                  key={field.name}
                  field={field}
                  fieldKey={field.name}
                  value={answers[field.name]}
                  error={errors.get(field.name)}
                  options={optionsFor(field, template)}
                  onChange={(value) => {
                    onChange(field.name, value);
                    onTouch(field.name);
                  }}
                  onBlur={() => onTouch(field.name)}
                />
              ),
            )}
          {(general || formError) && (
            <Notice tone="danger" title="The preview could not be made" role="alert">
              {general ?? formError}
            </Notice>
          )}
        </div>
        <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 rounded-b-lg border-t border-border bg-surface/95 px-4 py-3 backdrop-blur sm:px-6">
          <Button variant="ghost" onClick={onStartOver}>
            Start over
          </Button>
          <div className="flex items-center gap-3">
            <p className="text-xs text-muted" aria-live="polite">
              {checking ? (
                <span className="inline-flex items-center gap-1.5">
                  <Spinner label="" className="size-3.5" /> Checking the answers…
                </span>
              ) : problems > 0 ? (
                <span className="text-danger">
                  {problems} {problems === 1 ? "answer needs" : "answers need"} fixing
                </span>
              ) : null}
            </p>
            <Button type="submit" variant="primary" disabled={previewPending}>
              {previewPending && <Spinner label="" />}
              {previewPending ? "Rendering…" : "Preview"}
            </Button>
          </div>
        </div>
      </Card>
    </form>
  );
}
