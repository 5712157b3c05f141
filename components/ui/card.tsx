import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A bordered surface. */
export function Card({ className, ...props }: ComponentProps<"section">) {
  return (
    <section
      className={cn("min-w-0 rounded-lg border border-border bg-surface shadow-xs", className)}
      {...props}
    />
  );
}

export type CardHeaderProps = Omit<ComponentProps<"div">, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links aligned to the right. */
  actions?: ReactNode;
  /** Heading level of the title. Default h2. */
  titleAs?: "h2" | "h3" | "h4";
};

export function CardHeader({
  title,
  description,
  actions,
  titleAs: Heading = "h2",
  className,
  ...props
}: CardHeaderProps) {
  return (
    <div
      className={cn(
        "flex flex-wrap items-start justify-between gap-3 border-b border-border px-4 py-3",
        className,
      )}
      {...props}
    >
      <div className="min-w-0">
        <Heading className="text-sm font-semibold text-foreground">{title}</Heading>
        {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("p-4", className)} {...props} />;
}
