import "server-only";
import { closeDb } from "@/server/db/client";
import { telemetry } from "@/server/integrations/telemetry/telemetry";
import { log } from "@/server/observability/logger";

export interface Stoppable {
  name: string;
  /** Stops claiming work and checkpoints what is in progress (e.g. `JobWorker.stop`). */
  stop(): Promise<void>;
}

/** Cloud Run sends SIGTERM 10 s before SIGKILL; everything must be handed back well within that. */
export const SHUTDOWN_GRACE_MS = 8_000;

/**
 * On SIGTERM (or SIGINT) the process stops every part at once: no new claims, the job batch or step
 * in flight is committed and the job handed back so another process resumes it immediately, the
 * alert and event workers finish their round; then telemetry is flushed, the database closed and
 * the process exits 0.
 * Whatever is not stopped within `graceMs` is left to the claims' staleness, as after a crash.
 *
 * `next start` exits on SIGTERM by itself unless NEXT_MANUAL_SIG_HANDLE=true, which `npm start`
 * and the Dockerfile set; without it this handler races Next's.
 */
export function installGracefulShutdown(
  parts: Stoppable[],
  { graceMs = SHUTDOWN_GRACE_MS, exit = (code: number) => process.exit(code) } = {},
): void {
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const begun = Date.now();
    log.info(`${signal}: stopping ${parts.map((p) => p.name).join(", ")}`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)));
    const stopped = Promise.allSettled(
      parts.map((p) =>
        p.stop().catch((error: unknown) => {
          log.error(`shutdown: ${p.name} did not stop cleanly`, error);
        }),
      ),
    );
    if ((await Promise.race([stopped, late])) === "late")
      log.warn(`shutdown: not everything stopped within ${graceMs} ms; exiting anyway`);
    clearTimeout(timer);
    // What the workers counted while stopping goes out with the rest.
    await telemetry()
      .flush()
      .catch(() => {});
    await closeDb().catch(() => {});
    log.info(`${signal}: stopped in ${Date.now() - begun} ms`);
    exit(0);
  };
  process.once("SIGTERM", (signal) => void shutdown(signal));
  process.once("SIGINT", (signal) => void shutdown(signal));
}
