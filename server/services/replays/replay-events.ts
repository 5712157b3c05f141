import "server-only";
import { terminalReplayStatuses } from "@/lib/replays";
import type { Db } from "@/server/db/client";
import { getReplay } from "./read-replays";

const POLL_MS = 500;
const KEEP_ALIVE_MS = 15_000;

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
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      let last = "";
      let lastSent = Date.now();
      send("retry: 2000\n\n");
      try {
        while (!signal.aborted) {
          const view = await getReplay(db, id);
          const state = JSON.stringify(view);
          if (state !== last) {
            send(`id: ${view.sent + view.failed}\nevent: replay\ndata: ${state}\n\n`);
            last = state;
            lastSent = Date.now();
          }
          if (terminalReplayStatuses.includes(view.status)) {
            send(`event: end\ndata: ${JSON.stringify({ status: view.status })}\n\n`);
            break;
          }
          if (Date.now() - lastSent > KEEP_ALIVE_MS) {
            send(": keep-alive\n\n");
            lastSent = Date.now();
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      } catch (error) {
        if (!signal.aborted)
          send(`event: error\ndata: ${JSON.stringify({ message: (error as Error).message })}\n\n`);
      } finally {
        try {
          controller.close();
        } catch {
          // the client went away
        }
      }
    },
  });
}
