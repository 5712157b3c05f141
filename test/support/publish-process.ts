// Another portal process on the same database: publishes the events given as JSON lines on stdin
// through its own embedded event bus (its own connection pool), then exits. The cross-process tail
// test starts it with tsx.
import { createInterface } from "node:readline";

const { eventBus } = await import("@/server/integrations/event-bus");
const bus = eventBus();
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { region, event } = JSON.parse(line);
  const published = await bus.publish(region, { ...event, data: new TextEncoder().encode(event.data) });
  console.log(JSON.stringify({ messageId: published.messageId }));
}
const { closeDb } = await import("@/server/db/client");
await closeDb();
