// Reads Server-Sent Events from a route's streaming response, the way EventSource parses them.

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

export class SseReader {
  private buffer = "";
  readonly messages: SseMessage[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private pump: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
    this.pump = this.read();
  }

  private async read(): Promise<void> {
    for (;;) {
      const { done, value } = await this.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      this.buffer += this.decoder.decode(value, { stream: true });
      let end: number;
      while ((end = this.buffer.indexOf("\n\n")) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const message: SseMessage = { event: "message", data: "" };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "id") message.id = value;
          else if (field === "event") message.event = value;
          else if (field === "data") data.push(value);
        }
        if (data.length) {
          message.data = data.join("\n");
          this.messages.push(message);
        }
      }
    }
  }

  /** The `event` messages' parsed data. */
  events<T = unknown>(): T[] {
    return this.messages.filter((m) => m.event === "event").map((m) => JSON.parse(m.data) as T);
  }

  /** Waits until `probe` holds for the messages so far (or fails after `ms`). */
  async until(probe: (reader: SseReader) => boolean, ms = 10_000): Promise<void> {
    const start = Date.now();
    while (!probe(this)) {
      if (Date.now() - start > ms)
        throw new Error(`SSE: condition not met after ${ms} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
    await this.pump;
  }
}
