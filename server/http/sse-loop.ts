import "server-only";

const KEEP_ALIVE_MS = 15_000;

export type SseSend = (text: string) => void;

/**
 * A Server-Sent Events stream driven by polling: `tick` runs every `pollMs` and writes what is new
 * with `send` (true: it wrote something); it returns "end" to finish. The loop sends `retry`, a
 * keep-alive comment after 15 s of silence, an `error` event if `tick` throws, and closes the
 * stream when done or when the client goes away.
 */
export function sseLoop(
  signal: AbortSignal,
  pollMs: number,
  tick: (send: SseSend) => Promise<"end" | "sent" | "idle">,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send: SseSend = (text) => controller.enqueue(encoder.encode(text));
      let lastSent = Date.now();
      send("retry: 2000\n\n");
      try {
        while (!signal.aborted) {
          const outcome = await tick(send);
          if (outcome === "end") break;
          if (outcome === "sent") lastSent = Date.now();
          else if (Date.now() - lastSent > KEEP_ALIVE_MS) {
            send(": keep-alive\n\n");
            lastSent = Date.now();
          }
          await new Promise((resolve) => setTimeout(resolve, pollMs));
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
