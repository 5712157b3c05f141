import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/scaffold-runs";

const tones: Record<RunStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  succeeded: "ok",
  failed: "danger",
  cancelled: "warn",
};

export const runStatusLabels: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge tone={tones[status]} dot data-status={status}>
      {runStatusLabels[status]}
    </Badge>
  );
}
