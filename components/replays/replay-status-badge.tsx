import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ReplayStatus } from "@/lib/replays";

const tones: Record<ReplayStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  paused: "warn",
  cancelling: "warn",
  cancelled: "neutral",
  completed: "ok",
  failed: "danger",
};

export function ReplayStatusBadge({ status }: { status: ReplayStatus }) {
  return (
    <Badge tone={tones[status]} dot>
      {status}
    </Badge>
  );
}
