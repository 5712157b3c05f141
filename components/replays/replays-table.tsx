import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { ReplayView } from "@/lib/replays";
import { ReplayStatusBadge } from "./replay-status-badge";

export const targetText = (r: ReplayView) =>
  r.target.kind === "trigger" ? `trigger ${r.target.trigger}` : `broker in ${r.target.region}`;

/** Past and running replays, newest first. */
export function ReplaysTable({ replays }: { replays: ReplayView[] }) {
  if (replays.length === 0) return <p className="text-sm text-muted">No replays yet.</p>;
  return (
    <Table aria-label="Replays" bare>
      <TableHead>
        <TableRow>
          <TableHeader>Started</TableHeader>
          <TableHeader>By</TableHeader>
          <TableHeader>Types</TableHeader>
          <TableHeader>Target</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader className="text-right">Sent / total</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {replays.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link href={`/replays/${r.id}`} className="text-accent hover:underline">
                {formatDateTime(r.createdAt)}
              </Link>
            </TableCell>
            <TableCell className="text-sm">{r.requestedBy}</TableCell>
            <TableCell className="font-mono text-xs">{r.selection.types.join(", ")}</TableCell>
            <TableCell className="text-sm">{targetText(r)}</TableCell>
            <TableCell>
              <ReplayStatusBadge status={r.status} />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {r.sent} / {r.total}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
