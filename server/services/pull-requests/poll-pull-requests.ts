import "server-only";
import type { Db } from "@/server/db/client";
import { repository } from "@/server/services/scaffold/repository";
import { log } from "@/server/observability/logger";
import { applyPullRequestState } from "./sync-pull-request";

const POLL_MS = 60_000;

/** Brings the open GitHub pull requests up to date, for the webhook deliveries that never arrived. */
export async function pollPullRequests(db: Db): Promise<number> {
  const repo = await repository(db);
  if (repo.kind !== "github") return 0;
  const open = await db.pullRequest.findMany({
    where: { provider: "github", state: "open" },
    select: { number: true },
  });
  let changed = 0;
  for (const { number } of open) {
    const current = await repo.getPullRequest(number);
    if (current && current.state !== "open")
      if (await applyPullRequestState(db, { provider: "github", number, state: current.state, by: "github" }))
        changed++;
  }
  return changed;
}

export function startPullRequestPoll(db: Db): void {
  const tick = () =>
    pollPullRequests(db)
      .catch((error) => log.error("pull request poll failed", error))
      .finally(() => setTimeout(tick, POLL_MS).unref());
  setTimeout(tick, POLL_MS).unref();
}
