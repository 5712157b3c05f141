import type { ReplayView } from "@/lib/replays";

/** Sent, failed and remaining as one bar, with the numbers beside it. */
export function ReplayProgress({ replay }: { replay: ReplayView }) {
  const total = Math.max(1, replay.total);
  const sent = (replay.sent / total) * 100;
  const failed = (replay.failed / total) * 100;
  const done = Math.round(((replay.sent + replay.failed) / total) * 100);
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label="Replay progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={done}
        className="flex h-3 w-full overflow-hidden rounded-full bg-surface-muted"
      >
        <div className="bg-accent transition-[width]" style={{ width: `${sent}%` }} />
        <div className="bg-danger transition-[width]" style={{ width: `${failed}%` }} />
      </div>
      <p className="text-xs text-muted tabular-nums">
        {done}% · {replay.sent} sent · {replay.failed} failed · {replay.remaining} remaining of {replay.total}
      </p>
    </div>
  );
}
