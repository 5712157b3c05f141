import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import { getDb } from "@/server/db/client";
import { listServiceActivity } from "@/server/services/audit/list-service-activity";

export default async function ActivityTab({ params }: { params: Promise<{ name: string }> }) {
  const { items } = await listServiceActivity(await getDb(), (await params).name);
  return (
    <Card>
      <CardHeader
        title="Activity"
        description="Every change made to this service through Meridian, newest first, from the append-only audit log."
      />
      <CardBody>
        {items.length === 0 ? (
          <EmptyState
            title="No activity yet"
            description="Edits, pull requests and replays will be listed here."
          />
        ) : (
          <ol className="divide-y divide-border text-sm" aria-label="Activity">
            {items.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
                <time dateTime={e.at} className="w-48 shrink-0 text-muted">
                  {formatDateTime(e.at)}
                </time>
                <span className="font-medium">{e.actor}</span>
                <span className="font-mono text-xs">{e.action}</span>
                <code
                  className="min-w-0 flex-1 truncate text-xs text-muted"
                  title={JSON.stringify(e.details)}
                >
                  {JSON.stringify(e.details)}
                </code>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
