import "server-only";
import { AppError } from "@/lib/errors";
import type { RunDetail, RunListQuery, RunLogLine, RunSummary } from "@/lib/scaffold-runs";
import type { Db } from "@/server/db/client";
import { toRunDetail, toRunSummary } from "./run-view";

const notFound = (id: string) => new AppError("not_found", `Scaffold run "${id}" does not exist`);

export async function getRun(db: Db, id: string): Promise<RunDetail> {
  const run = await db.scaffoldRun.findUnique({ where: { id }, include: { steps: true } });
  if (!run) throw notFound(id);
  return toRunDetail(run);
}

export async function listRuns(db: Db, query: RunListQuery): Promise<{ items: RunSummary[] }> {
  const runs = await db.scaffoldRun.findMany({
    where: {
      ...(query.requestedBy ? { requestedBy: query.requestedBy } : {}),
      ...(query.template ? { templateId: query.template } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    include: { steps: true },
    orderBy: { createdAt: "desc" },
    take: query.limit,
  });
  return { items: runs.map(toRunSummary) };
}

/** Log lines after `afterId` (a previous line's id, e.g. from Last-Event-ID), oldest first. */
export async function runLogSince(db: Db, id: string, afterId: bigint, limit = 500): Promise<RunLogLine[]> {
  const rows = await db.scaffoldRunLog.findMany({
    where: { runId: id, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    level: r.level as RunLogLine["level"],
    message: r.message,
  }));
}

export async function assertRunExists(db: Db, id: string): Promise<void> {
  if (!(await db.scaffoldRun.findUnique({ where: { id }, select: { id: true } }))) throw notFound(id);
}
