import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CatalogTable } from "@/components/catalog/catalog-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { teamName } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import { getTeam } from "@/server/services/catalog/get-team";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Team ${(await params).name}` };
}

async function loadTeam(name: string) {
  if (!teamName.safeParse(name).success) notFound();
  try {
    return await getTeam(await getDb(), name);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function TeamPage({ params }: { params: Params }) {
  const team = await loadTeam((await params).name);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-xl font-semibold tracking-tight">{team.displayName}</h1>
        <p className="text-sm text-muted">
          {team.description}
          {team.chatChannel ? ` · ${team.chatChannel}` : ""}
        </p>
      </header>
      <section className="space-y-2">
        <h2 className="text-sm font-semibold">Services ({team.services.length})</h2>
        {team.services.length === 0 ? (
          <EmptyState title="No services yet" description="This team owns no services in the catalog." />
        ) : (
          <CatalogTable items={team.services} label={`Services of ${team.displayName}`} />
        )}
      </section>
      <Card>
        <CardHeader
          title={`Members (${team.members.length})`}
          description="Members may change this team's services."
        />
        <CardBody>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {team.members.map((m) => (
              <li key={m.email}>
                {m.name} <span className="text-muted">{m.email}</span>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </div>
  );
}
