import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { InboxIcon } from "./icons";

export type EmptyStateProps = Omit<ComponentProps<"div">, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  /** A 16×16-style inline SVG; defaults to an inbox. Pass `null` for none. */
  icon?: ReactNode;
};

/** What to show where a list or table has nothing in it. */
export function EmptyState({ title, description, action, icon, className, ...props }: EmptyStateProps) {
  const shownIcon = icon === undefined ? <InboxIcon /> : icon;
  return (
    <div
      className={cn("flex flex-col items-center justify-center gap-1 px-6 py-12 text-center", className)}
      {...props}
    >
      {shownIcon && (
        <div
          aria-hidden
          className="mb-2 flex size-10 items-center justify-center rounded-lg border border-border bg-surface-muted text-muted [&_svg]:size-5"
        >
          {shownIcon}
        </div>
      )}
      <p className="text-sm font-medium text-foreground">{title}</p>
      {description && <p className="max-w-sm text-sm text-muted">{description}</p>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}
