import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PullRequestState } from "@/lib/pull-requests";

const tones: Record<PullRequestState, BadgeTone> = { open: "ok", merged: "accent", closed: "danger" };
const labels: Record<PullRequestState, string> = { open: "Open", merged: "Merged", closed: "Closed" };

export function PullRequestStateBadge({ state }: { state: PullRequestState }) {
  return (
    <Badge tone={tones[state]} dot data-testid="pull-request-state" data-state={state}>
      {labels[state]}
    </Badge>
  );
}
