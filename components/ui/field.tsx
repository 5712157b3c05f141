import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { ErrorIcon } from "./icons";

export type FieldProps = Omit<ComponentProps<"div">, "children"> & {
  label: ReactNode;
  htmlFor: string;
  hint?: ReactNode;
  /** Shown under the control in the danger colour, with id `${htmlFor}-error`. */
  error?: string;
  children: ReactNode;
};

/** The id of a Field's hint, for the control's aria-describedby. */
export const fieldHintId = (htmlFor: string) => `${htmlFor}-hint`;
/** The id of a Field's error message, for the control's aria-describedby. */
export const fieldErrorId = (htmlFor: string) => `${htmlFor}-error`;

/**
 * A label, a control, an optional hint and an optional inline error. Pass
 * `aria-describedby={describedBy(htmlFor, { hint, error })}` and `invalid={!!error}` to the control.
 */
export function Field({ label, htmlFor, hint, error, children, className, ...props }: FieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)} {...props}>
      <label htmlFor={htmlFor} className="text-sm font-medium text-foreground">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={fieldHintId(htmlFor)} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={fieldErrorId(htmlFor)} className="flex items-start gap-1 text-xs text-danger">
          <ErrorIcon className="mt-px size-3.5 shrink-0" />
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria-describedby value for a control inside a Field, or undefined. */
export function describedBy(htmlFor: string, parts: { hint?: unknown; error?: unknown }) {
  if (parts.error) return fieldErrorId(htmlFor);
  if (parts.hint) return fieldHintId(htmlFor);
  return undefined;
}

const control =
  "w-full rounded-md border border-border bg-surface text-sm text-foreground shadow-xs transition-colors " +
  "placeholder:text-muted/70 hover:border-border-strong focus-visible:border-accent focus-visible:outline-offset-0 " +
  "disabled:cursor-not-allowed disabled:opacity-60 " +
  "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger";

type InvalidProp = { invalid?: boolean };

export function Input({ invalid, className, ...props }: ComponentProps<"input"> & InvalidProp) {
  return (
    <input aria-invalid={invalid || undefined} className={cn(control, "h-8 px-2.5", className)} {...props} />
  );
}

export function Textarea({ invalid, className, ...props }: ComponentProps<"textarea"> & InvalidProp) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      className={cn(control, "min-h-20 px-2.5 py-1.5", className)}
      {...props}
    />
  );
}

export function Select({ invalid, className, ...props }: ComponentProps<"select"> & InvalidProp) {
  return (
    <select
      aria-invalid={invalid || undefined}
      className={cn(
        control,
        "h-8 appearance-none bg-[length:16px] bg-[right_0.5rem_center] bg-no-repeat pr-8 pl-2.5",
        "bg-[url(data:image/svg+xml,%3Csvg%20xmlns=%27http://www.w3.org/2000/svg%27%20viewBox=%270%200%2016%2016%27%20fill=%27none%27%20stroke=%27%2371717a%27%20stroke-width=%271.5%27%3E%3Cpath%20d=%27M4.5%206.5%208%2010l3.5-3.5%27/%3E%3C/svg%3E)]",
        className,
      )}
      {...props}
    />
  );
}
