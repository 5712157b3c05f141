import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { PullRequestView } from "@/lib/pull-requests";
import type { Db } from "@/server/db/client";
import type { LocalGitProvider } from "@/server/integrations/git";
import { authorize } from "@/server/services/identity/authorize";
import { repository } from "@/server/services/scaffold/repository";
import { findPullRequest, getPullRequest } from "./pull-request-view";
import { applyPullRequestState } from "./sync-pull-request";

async function localPullRequest(db: Db, actor: Actor, number: number) {
  const repo = await repository(db);
  // The kind, not `instanceof`: see getPullRequest.
  if (repo.kind !== "local")
    throw new AppError("conflict", `Pull request #${number} lives on GitHub: merge or close it there`);
  const { row, team } = await findPullRequest(db, number);
  if (!team) throw new AppError("conflict", `Pull request #${number} proposes no service of the catalog`);
  authorize(actor, "pull-request.merge", team);
  if (row.state !== "open") throw new AppError("conflict", `Pull request #${number} is already ${row.state}`);
  return repo as LocalGitProvider;
}

/** Merges a local pull request with a real merge commit; the service becomes `merged`. */
export async function mergePullRequest(db: Db, actor: Actor, number: number): Promise<PullRequestView> {
  const repo = await localPullRequest(db, actor, number);
  try {
    const { mergeSha } = await repo.merge(number, { name: actor.name, email: actor.email });
    await applyPullRequestState(db, {
      provider: "local",
      number,
      state: "merged",
      by: actor.email,
      mergeSha,
    });
  } catch (error) {
    // By name, not `instanceof`: the provider may come from another bundle's copy of the class.
    if ((error as Error).name === "MergeConflictError")
      throw new AppError("conflict", (error as Error).message);
    throw error;
  }
  return getPullRequest(db, actor, number);
}

/** Closes a local pull request without merging; the proposed service is retired. */
export async function closePullRequest(db: Db, actor: Actor, number: number): Promise<PullRequestView> {
  await localPullRequest(db, actor, number);
  await applyPullRequestState(db, { provider: "local", number, state: "closed", by: actor.email });
  return getPullRequest(db, actor, number);
}
