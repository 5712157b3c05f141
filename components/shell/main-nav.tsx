"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { FiringCount } from "@/components/alerts/firing-count";
import { cn } from "@/components/ui/cn";

const links = [
  { href: "/", label: "Catalog", match: (p: string) => p === "/" || p.startsWith("/services") },
  { href: "/health", label: "Health", match: (p: string) => p.startsWith("/health") },
  { href: "/event-types", label: "Events", match: (p: string) => p.startsWith("/event-types") },
  { href: "/alerts", label: "Alerts", match: (p: string) => p.startsWith("/alerts") },
  { href: "/teams", label: "Teams", match: (p: string) => p.startsWith("/teams") },
  {
    href: "/runs",
    label: "Runs",
    match: (p: string) => p.startsWith("/runs") || p.startsWith("/pulls"),
  },
];

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {links.map((link) => {
        const active = link.match(pathname);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
              active ? "bg-surface-muted text-foreground" : "text-muted hover:text-foreground",
            )}
          >
            {link.label}
            {link.href === "/alerts" ? <FiringCount /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
