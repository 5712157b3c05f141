import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A pulsing placeholder block. Size it with className, e.g. `h-4 w-32`. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div aria-hidden className={cn("h-4 animate-pulse rounded-md bg-border/70", className)} {...props} />
  );
}
