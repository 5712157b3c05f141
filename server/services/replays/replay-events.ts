import "server-only";
import { terminalReplayStatuses } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { sseLoop } from "@/server/http/sse-loop";
import { getReplay } from "./read-replays";

const POLL_MS = 500;

/**
 * A replay's progress as Server-Sent Events, read from the database (so it works whichever process
 * runs the job): a `replay` event with the job's view whenever it changes, `end` once it is over.
 */
export async function replayEventStream(
  db: Db,
  id: string,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  await getReplay(db, id);
  let last = "";
  return sseLoop(signal, POLL_MS, async (send) => {
    const view = await getReplay(db, id);
    const state = JSON.stringify(view);
    const changed = state !== last;
    if (changed) send(`id: ${view.sent + view.failed}\nevent: replay\ndata: ${state}\n\n`);
    last = state;
    if (terminalReplayStatuses.includes(view.status)) {
      send(`event: end\ndata: ${JSON.stringify({ status: view.status })}\n\n`);
      return "end";
    }
    return changed ? "sent" : "idle";
  });
}
