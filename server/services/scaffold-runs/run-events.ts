import "server-only";
import type { Db } from "@/server/db/client";
import { sseLoop } from "@/server/http/sse-loop";
import { assertRunExists, getRun, runLogSince } from "./read-runs";

const POLL_MS = 400;
const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A run's progress as Server-Sent Events, read from the database (so it works whichever process
 * runs the job): `log` events with the log line's id (a reconnect with Last-Event-ID resumes after
 * it), a `run` event with the run's state whenever it changes, and `end` once the run is finished
 * and every line was sent.
 */
export async function runEventStream(db: Db, id: string, lastEventId: string | null, signal: AbortSignal) {
  await assertRunExists(db, id);
  let after = /^\d+$/.test(lastEventId ?? "") ? BigInt(lastEventId!) : 0n;
  let lastState = "";
  return sseLoop(signal, POLL_MS, async (send) => {
    const lines = await runLogSince(db, id, after);
    for (const line of lines) {
      send(`id: ${line.id}\nevent: log\ndata: ${JSON.stringify(line)}\n\n`);
      after = BigInt(line.id);
    }
    const run = await getRun(db, id);
    const state = JSON.stringify(run);
    const changed = state !== lastState;
    if (changed) send(`event: run\ndata: ${state}\n\n`);
    lastState = state;
    if (TERMINAL.has(run.status) && lines.length === 0) {
      send(`event: end\ndata: ${JSON.stringify({ status: run.status })}\n\n`);
      return "end";
    }
    return changed || lines.length ? "sent" : "idle";
  });
}
