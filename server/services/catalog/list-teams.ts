import "server-only";
import type { TeamSummary } from "@/lib/catalog-types";
import type { Db } from "@/server/db/client";

export async function listTeams(db: Db): Promise<TeamSummary[]> {
  const rows = await db.team.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { services: true, memberships: true } } },
  });
  return rows.map(({ _count, id: _id, createdAt: _createdAt, ...team }) => ({
    ...team,
    serviceCount: _count.services,
    memberCount: _count.memberships,
  }));
}
