import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import type { PullRequestState, PullRequestView } from "@/lib/pull-requests";
import type { Db } from "@/server/db/client";
import type { LocalGitProvider } from "@/server/integrations/git";
import { can } from "@/server/services/identity/authorize";
import { repository } from "@/server/services/scaffold/repository";

export type PullRequestRow = Awaited<ReturnType<Db["pullRequest"]["findUniqueOrThrow"]>>;

/** The pull request of the configured repository, with the team of the service it proposes. */
export async function findPullRequest(
  db: Db,
  number: number,
): Promise<{ row: PullRequestRow; team: string | null }> {
  const repo = await repository(db);
  const row = await db.pullRequest.findUnique({
    where: { provider_number: { provider: repo.kind, number } },
  });
  if (!row) throw new AppError("not_found", `Pull request #${number} does not exist`);
  const service = row.serviceName
    ? await db.service.findUnique({
        where: { name: row.serviceName },
        select: { team: { select: { name: true } } },
      })
    : null;
  return { row, team: service?.team.name ?? null };
}

export async function getPullRequest(db: Db, actor: Actor, number: number): Promise<PullRequestView> {
  const { row, team } = await findPullRequest(db, number);
  const repo = await repository(db);
  // Not `instanceof`: pages and route handlers are bundled apart, each with its own copy of the
  // class, while the provider is one object per process.
  const local = repo.kind === "local";
  return {
    provider: row.provider as PullRequestView["provider"],
    number: row.number,
    url: row.url,
    title: row.title,
    body: row.body,
    branch: row.branch,
    base: row.base,
    state: row.state as PullRequestState,
    labels: row.labels,
    headSha: row.headSha,
    serviceName: row.serviceName,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    mergedAt: row.mergedAt?.toISOString() ?? null,
    mergedBy: row.mergedBy,
    canMerge: local && row.state === "open" && team !== null && can(actor, "pull-request.merge", team),
    files: local ? await (repo as LocalGitProvider).changedFiles(number) : [],
  };
}
