import "server-only";
import type { TeamSummary } from "@/lib/catalog-types";
import type { Db } from "@/server/db/client";

export async function listTeams(db: Db): Promise<TeamSummary[]> {
  const rows = await db.team.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { services: true, memberships: true } } },
  });
  return rows.map((t) => ({
    name: t.name,
    displayName: t.displayName,
    description: t.description,
    chatChannel: t.chatChannel,
    serviceCount: t._count.services,
    memberCount: t._count.memberships,
  }));
}
