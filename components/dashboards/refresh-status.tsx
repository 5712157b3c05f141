import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ago` : `${Math.floor(m / 60)} h ago`;
}

/** Re-renders every second with the current time (null before mount, so server and client agree). */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * "Updated 12 s ago", a spinner while refetching, and the auto-refresh pause toggle. `updatedAt` is
 * the query's dataUpdatedAt (0 before the first answer).
 */
export function RefreshStatus({
  updatedAt,
  fetching,
  paused,
  onPausedChange,
  canRefresh = true,
}: {
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  /** False for a fixed from/to window, which never refreshes. */
  canRefresh?: boolean;
}) {
  const now = useNow();
  return (
    <div className="flex items-center gap-2 text-xs text-muted">
      <span className="inline-flex items-center gap-1.5 tabular-nums" aria-live="off">
        {fetching ? <Spinner className="size-3.5" label="" /> : null}
        {updatedAt > 0 && now !== null ? `Updated ${ago(now - updatedAt)}` : fetching ? "Loading…" : ""}
      </span>
      {canRefresh && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onPausedChange(!paused)}
          aria-label={paused ? "Resume auto-refresh" : "Pause auto-refresh"}
          title={paused ? "Resume refreshing every 30 seconds" : "Stop refreshing every 30 seconds"}
        >
          {paused ? <PlayIcon /> : <PauseIcon />}
          {paused ? "Paused" : "Every 30 s"}
        </Button>
      )}
    </div>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden>
      <rect x="4" y="3.5" width="2.75" height="9" rx="0.75" />
      <rect x="9.25" y="3.5" width="2.75" height="9" rx="0.75" />
    </svg>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden>
      <path d="M5 3.6v8.8a.6.6 0 0 0 .9.5l7-4.4a.6.6 0 0 0 0-1L5.9 3.1a.6.6 0 0 0-.9.5Z" />
    </svg>
  );
}
