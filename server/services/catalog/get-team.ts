import "server-only";
import { notFound } from "@/lib/errors";
import type { TeamDetail } from "@/lib/catalog-types";
import type { Db } from "@/server/db/client";
import { summarySelect, toServiceSummary } from "./to-dto";

export async function getTeam(db: Db, name: string): Promise<TeamDetail> {
  const row = await db.team.findUnique({
    where: { name },
    include: {
      memberships: {
        include: { user: { select: { email: true, name: true } } },
        orderBy: { user: { name: "asc" } },
      },
      services: { select: summarySelect, orderBy: { name: "asc" } },
    },
  });
  if (!row) throw notFound("Team", name);
  return {
    name: row.name,
    displayName: row.displayName,
    description: row.description,
    chatChannel: row.chatChannel,
    serviceCount: row.services.length,
    memberCount: row.memberships.length,
    members: row.memberships.map((m) => m.user),
    services: row.services.map(toServiceSummary),
  };
}
