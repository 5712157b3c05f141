import type { ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "accent" | "ok" | "warn" | "danger" | "info";

const tones: Record<BadgeTone, string> = {
  neutral: "border-border bg-surface-muted text-muted",
  accent: "border-accent/25 bg-accent/8 text-accent",
  ok: "border-ok/25 bg-ok/8 text-ok",
  warn: "border-warn/30 bg-warn/8 text-warn",
  danger: "border-danger/25 bg-danger/8 text-danger",
  info: "border-info/25 bg-info/8 text-info",
};

const dots: Record<BadgeTone, string> = {
  neutral: "bg-muted",
  accent: "bg-accent",
  ok: "bg-ok",
  warn: "bg-warn",
  danger: "bg-danger",
  info: "bg-info",
};

export type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** Show a small status dot before the label. */
  dot?: boolean;
};

/** A small status label. The colour is decoration: the text must say the status too. */
export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full border px-2 text-xs leading-none font-medium whitespace-nowrap",
        tones[tone],
        className,
      )}
      {...props}
    >
      {dot && <span aria-hidden className={cn("size-1.5 rounded-full", dots[tone])} />}
      {children}
    </span>
  );
}

/** A monospace chip for short identifiers such as regions (`europe-west1`). */
export function Chip({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      className={cn(
        "inline-flex h-5 shrink-0 items-center rounded border border-border bg-surface-muted px-1.5 font-mono text-[11px] leading-none whitespace-nowrap text-foreground",
        className,
      )}
      {...props}
    />
  );
}
