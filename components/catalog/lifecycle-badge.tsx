import { Badge, type BadgeTone } from "@/components/ui/badge";
import { lifecycleLabels, type Lifecycle } from "@/lib/catalog";

const tones: Record<Lifecycle, BadgeTone> = {
  proposed: "neutral",
  "pr-open": "info",
  merged: "accent",
  live: "ok",
  retired: "neutral",
};

export function LifecycleBadge({ lifecycle }: { lifecycle: Lifecycle }) {
  return (
    <Badge tone={tones[lifecycle]} dot>
      {lifecycleLabels[lifecycle]}
    </Badge>
  );
}
