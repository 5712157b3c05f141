import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// The embedded mode's demo events: real CloudEvents through the real broker, for the demo fleet's
// types, from their demo producers' regions, and marked as demo.

let portal: PortalEnvironment;
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;

beforeAll(async () => {
  portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
  db = await (await import("@/server/db/client")).getDb();
});
afterAll(() => portal?.dispose());

describe("demo events", () => {
  it("publish the fleet's types from their producers' regions, with JSON data, marked demo", async () => {
    const { publishDemoEvents, DEMO_ACTOR } = await import("@/server/services/events/demo-events");
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let published = 0;
    for (let i = 0; i < 40; i++) published += await publishDemoEvents(db, random);
    const rows = await db.busEvent.findMany();
    expect(rows).toHaveLength(published);
    expect(published).toBeGreaterThan(40);
    const services = await db.service.findMany({ include: { publishes: { include: { eventType: true } } } });
    const types = new Set((await db.eventType.findMany()).map((t) => t.type));
    for (const row of rows) {
      expect(types).toContain(row.type);
      expect(row.extensions).toMatchObject({ demo: "true", actor: DEMO_ACTOR });
      expect(() => JSON.parse(Buffer.from(row.data).toString())).not.toThrow();
      const producer = /^\/\/([a-z0-9-]+)\//.exec(row.source)?.[1];
      if (producer) {
        const service = services.find((s) => s.name === producer)!;
        expect(service.publishes.map((p) => p.eventType.type)).toContain(row.type);
        expect(service.regions).toContain(row.region);
      } else expect(row.source).toMatch(/^https:\/\/github\.com\//);
    }
    expect(new Set(rows.map((r) => r.type)).size).toBeGreaterThan(4);
  });
});
