import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type TabNavItem = {
  label: string;
  href: ComponentProps<typeof Link>["href"];
  active: boolean;
  badge?: ReactNode;
};

export type TabNavProps = Omit<ComponentProps<"nav">, "children"> & {
  items: TabNavItem[];
  "aria-label": string;
};

/** A bar of navigation links styled as tabs. Not ARIA tabs: each tab is a page. */
export function TabNav({ items, className, ...props }: TabNavProps) {
  return (
    <nav className={cn("border-b border-border", className)} {...props}>
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => (
          <li key={`${item.label}-${String(item.href)}`} className="shrink-0">
            <Link
              href={item.href}
              aria-current={item.active ? "page" : undefined}
              className={cn(
                "inline-flex h-9 items-center gap-1.5 border-b-2 px-2.5 text-sm font-medium whitespace-nowrap transition-colors focus-visible:-outline-offset-2",
                item.active
                  ? "border-accent text-foreground"
                  : "border-transparent text-muted hover:border-border-strong hover:text-foreground",
              )}
            >
              {item.label}
              {item.badge}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
