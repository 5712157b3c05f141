import Link from "next/link";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /** Drop the outer border and rounding, e.g. inside a Card. */
  bare?: boolean;
  /** Classes for the scrolling wrapper around the table. */
  containerClassName?: string;
};

/** A native table in a horizontally scrolling wrapper. */
export function Table({ bare = false, containerClassName, className, ...props }: TableProps) {
  return (
    <div
      className={cn(
        "relative w-full overflow-x-auto",
        !bare && "rounded-lg border border-border bg-surface",
        containerClassName,
      )}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props} />
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-border bg-surface-muted/60", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-border", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors hover:bg-surface-muted/50", className)} {...props} />;
}

const headerClasses = "h-8 px-3 text-xs font-medium whitespace-nowrap text-muted";

export function TableHeader({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return <th scope={scope} className={cn(headerClasses, className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("h-10 px-3 py-1.5 align-middle", className)} {...props} />;
}

export type SortDirection = "asc" | "desc" | null;

export type SortableHeaderProps = Omit<ComponentProps<"th">, "children" | "align"> & {
  label: string;
  /** Where clicking goes: the caller computes the toggled sort URL. */
  href: ComponentProps<typeof Link>["href"];
  direction?: SortDirection;
  /** "end" right-aligns the header (for numeric columns) and puts the arrow before the label. */
  align?: "start" | "end";
};

/** A column header that links to the toggled sort and reports the current one via aria-sort. */
export function SortableHeader({
  label,
  href,
  direction = null,
  align = "start",
  className,
  ...props
}: SortableHeaderProps) {
  const ariaSort = direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined;
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={cn(headerClasses, align === "end" && "text-right", className)}
      {...props}
    >
      <Link
        href={href}
        scroll={false}
        className={cn(
          "group -mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-foreground",
          direction && "text-foreground",
          align === "end" && "flex-row-reverse",
        )}
      >
        {label}
        <SortArrow direction={direction} />
      </Link>
    </th>
  );
}

function SortArrow({ direction }: { direction: SortDirection }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 16 16"
      className={cn(
        "size-3.5",
        direction === null && "opacity-0 group-hover:opacity-60 group-focus-visible:opacity-60",
        direction === "desc" && "rotate-180",
      )}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {direction === null ? <path d="M5 6l3-3 3 3M5 10l3 3 3-3" /> : <path d="M8 13V3M4 7l4-4 4 4" />}
    </svg>
  );
}
