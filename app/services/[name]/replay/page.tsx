import { ReplaysTable } from "@/components/replays/replays-table";
import { ReplayWizard } from "@/components/replays/replay-wizard";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getDb } from "@/server/db/client";
import { listReplays } from "@/server/services/replays/read-replays";
import { loadService } from "../_lib/load-service";

export const dynamic = "force-dynamic";

/** The Replay tab: a new replay of recorded events to this service, and the replays so far. */
export default async function ReplayTab({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ type?: string | string[] }>;
}) {
  const service = await loadService((await params).name);
  const { type } = await searchParams;
  const db = await getDb();
  const recorded = new Set(
    (await db.eventType.findMany({ where: { recorded: true }, select: { type: true } })).map((t) => t.type),
  );
  const sources = service.triggers
    .filter((t) => recorded.has(t.type))
    .map((t) => ({ trigger: t.name, type: t.type }));
  const replays = await listReplays(db, service.name);
  return (
    <div className="space-y-4">
      {sources.length ? (
        <ReplayWizard
          service={service.name}
          sources={sources}
          regions={service.regions}
          initialType={sources.find((s) => s.type === type)?.type ?? sources[0]!.type}
        />
      ) : (
        <Card>
          <CardBody>
            <p className="text-sm text-muted">
              {service.triggers.length === 0
                ? "This service has no triggers, so there is nothing to replay to it."
                : "None of the types this service receives is recorded, so the archive holds nothing to replay."}
            </p>
          </CardBody>
        </Card>
      )}
      <Card>
        <CardHeader
          title="Replays"
          description="Every replay to this service, who started it and how it went."
        />
        <CardBody>
          <ReplaysTable replays={replays} />
        </CardBody>
      </Card>
    </div>
  );
}
