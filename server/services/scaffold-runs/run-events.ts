import "server-only";
import type { Db } from "@/server/db/client";
import { assertRunExists, getRun, runLogSince } from "./read-runs";

const POLL_MS = 400;
const KEEP_ALIVE_MS = 15_000;
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
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      let lastState = "";
      let lastSent = Date.now();
      send("retry: 2000\n\n");
      try {
        while (!signal.aborted) {
          const lines = await runLogSince(db, id, after);
          for (const line of lines) {
            send(`id: ${line.id}\nevent: log\ndata: ${JSON.stringify(line)}\n\n`);
            after = BigInt(line.id);
          }
          const run = await getRun(db, id);
          const state = JSON.stringify(run);
          if (state !== lastState) {
            send(`event: run\ndata: ${state}\n\n`);
            lastState = state;
            lastSent = Date.now();
          }
          if (lines.length) lastSent = Date.now();
          if (TERMINAL.has(run.status) && lines.length === 0) {
            send(`event: end\ndata: ${JSON.stringify({ status: run.status })}\n\n`);
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
