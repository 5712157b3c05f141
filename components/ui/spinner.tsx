import type { ComponentProps } from "react";
import { cn } from "./cn";

export type SpinnerProps = ComponentProps<"svg"> & {
  /** Accessible name. Pass `label=""` when text next to the spinner already says what is loading. */
  label?: string;
};

/** A small indeterminate spinner in the current text colour. Size it with className (default 16px). */
export function Spinner({ label = "Loading", className, ...props }: SpinnerProps) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      role={label ? "status" : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
      className={cn("size-4 shrink-0 animate-spin", className)}
      {...props}
    >
      <circle cx="8" cy="8" r="6.25" stroke="currentColor" strokeOpacity="0.25" strokeWidth="1.75" />
      <path
        d="M14.25 8A6.25 6.25 0 0 0 8 1.75"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
      />
    </svg>
  );
}
