import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/services/catalog/list-teams";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const teams = await listTeams(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Teams</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {teams.map((t) => (
          <li key={t.name}>
            <Card className="h-full p-4 transition-colors hover:border-border-strong">
              <Link href={`/teams/${t.name}`} className="text-base font-semibold text-accent hover:underline">
                {t.displayName}
              </Link>
              <p className="mt-1 text-sm text-muted">{t.description}</p>
              <p className="mt-3 text-xs text-muted">
                {t.serviceCount} services · {t.memberCount} members
                {t.chatChannel ? ` · ${t.chatChannel}` : ""}
              </p>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
