import "server-only";
import type { Lifecycle } from "@/generated/prisma/enums";
import type { PullRequestState } from "@/lib/pull-requests";
import type { Db } from "@/server/db/client";
import { recordAudit } from "@/server/services/audit/record-audit";

const lifecycleFor: Record<PullRequestState, Lifecycle> = {
  open: "pr_open",
  merged: "merged",
  closed: "retired",
};

/**
 * A pull request changed state (merged or closed here, a GitHub webhook, or the poll): the record
 * and the proposed service follow — merged → `merged`, closed unmerged → `retired`. Recorded in the
 * service's activity; a state it already has changes nothing.
 */
export async function applyPullRequestState(
  db: Db,
  change: { provider: string; number: number; state: PullRequestState; by: string; mergeSha?: string | null },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.pullRequest.findUnique({
      where: { provider_number: { provider: change.provider, number: change.number } },
    });
    if (!row || row.state === change.state) return false;
    await tx.pullRequest.update({
      where: { id: row.id },
      data: {
        state: change.state,
        ...(change.state === "merged"
          ? { mergedAt: new Date(), mergedBy: change.by, mergeSha: change.mergeSha ?? null }
          : {}),
        ...(change.state === "closed" ? { closedAt: new Date() } : {}),
      },
    });
    if (row.serviceName) {
      await tx.service.updateMany({
        where: { name: row.serviceName, lifecycle: "pr_open" },
        data: { lifecycle: lifecycleFor[change.state] },
      });
      await recordAudit(tx, change.by === "github" ? "system" : { email: change.by }, {
        action: `pull-request.${change.state === "merged" ? "merge" : change.state === "closed" ? "close" : "reopen"}`,
        targetType: "service",
        targetId: row.serviceName,
        details: { pullRequest: row.url, number: row.number, provider: row.provider },
      });
    }
    return true;
  });
}
