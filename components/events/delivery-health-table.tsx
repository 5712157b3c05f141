import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConsumedTrigger, TriggerHealth } from "@/lib/events/api";
import { formatDateTime } from "@/lib/format";

const ms = (v: number | null) =>
  v === null ? "–" : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`;
const age = (s: number | null) =>
  s === null
    ? "–"
    : s < 60
      ? `${Math.round(s)} s`
      : s < 3600
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

function status(h: TriggerHealth): { tone: "ok" | "warn" | "danger"; label: string } {
  if (h.deadLettered) return { tone: "danger", label: "dead letters" };
  if (h.backlog > 0 && (h.oldestUnackedSeconds ?? 0) > 60) return { tone: "warn", label: "backlog" };
  if (h.lastFailure) return { tone: "warn", label: "retrying" };
  return { tone: "ok", label: "healthy" };
}

/** Delivery health of a service's triggers, one row per trigger and region. */
export function DeliveryHealthTable({ triggers, source }: { triggers: ConsumedTrigger[]; source: string }) {
  return (
    <Table aria-label="Delivery health" bare>
      <TableHead>
        <TableRow>
          <TableHeader>Trigger</TableHeader>
          <TableHeader>Region</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader className="text-right">Pushed (1 h)</TableHeader>
          <TableHeader className="text-right">Latency p50 / p99</TableHeader>
          <TableHeader className="text-right">Backlog</TableHeader>
          <TableHeader className="text-right">Oldest unacked</TableHeader>
          <TableHeader className="text-right">Dead letters (24 h)</TableHeader>
          <TableHeader>Last failure</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {triggers.flatMap((t) =>
          t.health.map((h, i) => {
            const s = status(h);
            return (
              <TableRow key={`${t.name}-${h.region}`} data-trigger={t.name} data-region={h.region}>
                <TableCell className="font-mono text-xs">{i === 0 ? t.name : ""}</TableCell>
                <TableCell className="font-mono text-xs">{h.region}</TableCell>
                <TableCell>
                  <Badge tone={s.tone} dot>
                    {s.label}
                  </Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{h.pushedLastHour}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {ms(h.latencyP50Ms)} / {ms(h.latencyP99Ms)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{h.backlog}</TableCell>
                <TableCell className="text-right tabular-nums">{age(h.oldestUnackedSeconds)}</TableCell>
                <TableCell className="text-right tabular-nums">{h.deadLettered ?? "–"}</TableCell>
                <TableCell className="max-w-56 text-xs text-muted">
                  {h.lastFailure ? (
                    <span title={formatDateTime(h.lastFailure.at)}>{h.lastFailure.error}</span>
                  ) : (
                    "–"
                  )}
                </TableCell>
              </TableRow>
            );
          }),
        )}
      </TableBody>
      <caption className="caption-bottom px-3 py-2 text-left text-xs text-muted">
        {source === "deliveries"
          ? "From the embedded broker's delivery records; refreshed every 10 s."
          : "From Cloud Monitoring's Pub/Sub subscription metrics (last hour); dead letters and failures are in the trigger's DLQ."}
      </caption>
    </Table>
  );
}
