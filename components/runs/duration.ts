/** "40 ms", "2.4 s", "12 s", "2 min 5 s": how long a step or run took. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** The time from `from` to `to` (ISO), or null when either is missing. */
export function durationBetween(from: string | null, to: string | null): string | null {
  return from && to ? formatDuration(Date.parse(to) - Date.parse(from)) : null;
}

/** An ISO time as `HH:MM:SS` UTC, the same on the server and in the browser. */
export const clockTime = (iso: string) => iso.slice(11, 19);
