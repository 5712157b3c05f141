import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AlertStateName } from "@/lib/alerts/types";

const look: Record<AlertStateName, { tone: BadgeTone; label: string }> = {
  firing: { tone: "danger", label: "firing" },
  ok: { tone: "ok", label: "ok" },
  no_data: { tone: "warn", label: "no data" },
};

/** A policy's state in words (the colour only repeats it). */
export function AlertStateBadge({ state, className }: { state: AlertStateName; className?: string }) {
  const { tone, label } = look[state];
  return (
    <Badge tone={tone} dot className={className} data-state={state}>
      {label}
    </Badge>
  );
}

/** "5 min ago", "3 h ago", "2 d ago" from an ISO time, against `now`. */
export function ago(iso: string | null, now: number): string {
  if (!iso) return "—";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
