import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { ErrorIcon } from "@/components/ui/icons";
import { controlId } from "@/lib/scaffold/field-errors";

/** The ids a control points aria-describedby at: its help, then its error. */
export function describedBy(key: string, parts: { help?: unknown; error?: unknown }) {
  const ids = [parts.help ? `${controlId(key)}-help` : "", parts.error ? `${controlId(key)}-error` : ""];
  return ids.filter(Boolean).join(" ") || undefined;
}

export function FieldHelp({ fieldKey, children }: { fieldKey: string; children: ReactNode }) {
  return (
    <p id={`${controlId(fieldKey)}-help`} className="text-xs text-muted">
      {children}
    </p>
  );
}

/** A field's rule under its control, linked by id from the control and found by tests by key. */
export function FieldError({ fieldKey, error }: { fieldKey: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p
      id={`${controlId(fieldKey)}-error`}
      data-testid={`field-error-${fieldKey}`}
      className="flex items-start gap-1 text-xs text-danger"
    >
      <ErrorIcon className="mt-px size-3.5 shrink-0" />
      {error}
    </p>
  );
}

export function OptionalMark() {
  return <span className="ml-1 text-xs font-normal text-muted">(optional)</span>;
}

/** A label above the control, then help and the error: the layout of every one-control field. */
export function FieldShell({
  fieldKey,
  label,
  help,
  error,
  optional,
  className,
  children,
}: {
  fieldKey: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={controlId(fieldKey)} className="text-sm font-medium text-foreground">
        {label}
        {optional && <OptionalMark />}
      </label>
      {children}
      {help && <FieldHelp fieldKey={fieldKey}>{help}</FieldHelp>}
      <FieldError fieldKey={fieldKey} error={error} />
    </div>
  );
}
