"use client";

import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { useFleetAlerts } from "@/lib/hooks/use-alerts";

/**
 * How many alert policies fire now: the service's (in its header, linking to its Alerts tab) or the
 * fleet's (in the navigation). One shared query (GET /api/alerts?state=firing), refreshed every 10 s.
 */
export function FiringCount({ service, className }: { service?: string; className?: string }) {
  const { data } = useFleetAlerts("firing");
  if (!data) return null;
  const count = service === undefined ? data.total : (data.services[service] ?? 0);
  if (service === undefined)
    return count === 0 ? null : (
      <span
        data-testid="nav-firing-count"
        aria-label={`${count} alert ${count === 1 ? "policy" : "policies"} firing`}
        className={cn(
          "ml-1 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] leading-none font-semibold text-white",
          className,
        )}
      >
        {count}
      </span>
    );
  return (
    <Link
      href={`/services/${encodeURIComponent(service)}/alerts`}
      data-testid="header-firing-count"
      data-count={count}
      className={cn(
        "inline-flex h-5 items-center gap-1.5 rounded-full border px-2 text-xs font-medium",
        count > 0
          ? "border-danger/30 bg-danger/8 text-danger"
          : "border-border text-muted hover:text-foreground",
        className,
      )}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", count > 0 ? "bg-danger" : "bg-ok")} />
      {count === 0 ? "no alerts firing" : `${count} ${count === 1 ? "alert" : "alerts"} firing`}
    </Link>
  );
}
