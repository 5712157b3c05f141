import { CloudEvent, HTTP } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";

// POST /api/events: CloudEvents in binary and structured HTTP mode (as the cloudevents SDK sends
// them) reach the broker's log with the publisher stamped as `actor`; everything malformed is a
// 400 that names the problem and stores nothing.

let portal: PortalEnvironment;
let route: typeof import("@/app/api/events/route");
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;

beforeAll(async () => {
  portal = await preparePortalEnvironment({
    MERIDIAN_MODE: "embedded",
    MERIDIAN_DEV_USER: "dev@meridian.local",
  });
  route = await import("@/app/api/events/route");
  db = await (await import("@/server/db/client")).getDb();
});
afterAll(() => portal?.dispose());

const post = (headers: Record<string, string>, body: string | Uint8Array, region = "us-central1") =>
  call(route.POST, `/api/events?region=${region}`, { method: "POST", headers, body });

const stored = () => db.busEvent.count();

const sdkEvent = (extra: Record<string, unknown> = {}) =>
  new CloudEvent({
    id: "order-1001",
    type: "dev.meridian.checkout.order.placed",
    source: "//checkout-api/orders",
    subject: "orders/1001",
    time: "2026-12-04T09:30:00Z",
    datacontenttype: "application/json",
    data: { order: 1001, total: "42.50" },
    region: "emea",
    ...extra,
  });

describe("publishing a CloudEvent", () => {
  it("binary mode: stored in the region's log with every attribute, data bytes and the actor", async () => {
    const message = HTTP.binary(sdkEvent());
    const res = await post(message.headers as Record<string, string>, message.body as string);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      id: "order-1001",
      region: "us-central1",
      type: "dev.meridian.checkout.order.placed",
    });
    const row = await db.busEvent.findUniqueOrThrow({ where: { seq: BigInt(res.body.messageId) } });
    expect(row).toMatchObject({
      region: "us-central1",
      eventId: "order-1001",
      source: "//checkout-api/orders",
      subject: "orders/1001",
      datacontenttype: "application/json",
      extensions: { region: "emea", actor: "dev@meridian.local" },
    });
    expect(row.time?.toISOString()).toBe("2026-12-04T09:30:00.000Z");
    expect(JSON.parse(Buffer.from(row.data).toString())).toEqual({ order: 1001, total: "42.50" });
  });

  it("structured mode, including data_base64 for bytes that are not text", async () => {
    const message = HTTP.structured(sdkEvent({ id: "s-1" }));
    const res = await post(message.headers as Record<string, string>, message.body as string);
    expect(res.status).toBe(202);
    const bytes = Buffer.from([0, 255, 128, 10]);
    const b64 = await post(
      { "content-type": "application/cloudevents+json" },
      JSON.stringify({
        specversion: "1.0",
        id: "b-1",
        type: "t.bin",
        source: "/x",
        datacontenttype: "application/octet-stream",
        data_base64: bytes.toString("base64"),
      }),
    );
    expect(b64.status).toBe(202);
    const row = await db.busEvent.findUniqueOrThrow({ where: { seq: BigInt(b64.body.messageId) } });
    expect(Buffer.from(row.data).equals(bytes)).toBe(true);
  });

  it("a caller cannot pose as someone else or forge replay marks", async () => {
    const forged = await post(
      {
        "ce-specversion": "1.0",
        "ce-id": "f-1",
        "ce-type": "t",
        "ce-source": "/x",
        "ce-actor": "ceo@example.com",
      },
      "",
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.issues).toContainEqual({
      field: "headers.ce-actor",
      rule: "is set by Meridian and cannot be sent",
    });
  });
});

const binary = (extra: Record<string, string> = {}) => ({
  "ce-specversion": "1.0",
  "ce-id": "h-1",
  "ce-type": "dev.meridian.test",
  "ce-source": "/hostile",
  ...extra,
});
const structured = (doc: Record<string, unknown>) =>
  JSON.stringify({ specversion: "1.0", id: "h-2", type: "dev.meridian.test", source: "/hostile", ...doc });
const STRUCTURED = { "content-type": "application/cloudevents+json" };
const without = (key: string) => Object.fromEntries(Object.entries(binary()).filter(([k]) => k !== key));

// [what, headers, body, field named in the 400]
const hostile: [string, Record<string, string>, string | Uint8Array, string][] = [
  ["malformed structured JSON", STRUCTURED, '{"specversion":"1.0",', "body"],
  ["structured JSON that is an array", STRUCTURED, "[]", "body"],
  ["structured body that is not UTF-8", STRUCTURED, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "body"],
  ["missing id (binary)", without("ce-id"), "x", "headers.ce-id"],
  ["missing type (binary)", without("ce-type"), "x", "headers.ce-type"],
  ["missing source (binary)", without("ce-source"), "x", "headers.ce-source"],
  [
    "missing id (structured)",
    STRUCTURED,
    JSON.stringify({ specversion: "1.0", type: "t", source: "/s" }),
    "body.id",
  ],
  [
    "missing type (structured)",
    STRUCTURED,
    JSON.stringify({ specversion: "1.0", id: "1", source: "/s" }),
    "body.type",
  ],
  [
    "missing source (structured)",
    STRUCTURED,
    JSON.stringify({ specversion: "1.0", id: "1", type: "t" }),
    "body.source",
  ],
  ["empty id", binary({ "ce-id": "" }), "x", "headers.ce-id"],
  ["spec version 0.3", binary({ "ce-specversion": "0.3" }), "x", "headers.ce-specversion"],
  ["spec version 2.0", STRUCTURED, structured({ specversion: "2.0" }), "body.specversion"],
  ["numeric id", STRUCTURED, structured({ id: 7 }), "body.id"],
  ["a time that is not RFC 3339", binary({ "ce-time": "yesterday" }), "x", "headers.ce-time"],
  ["a huge attribute", binary({ "ce-type": "t".repeat(5000) }), "x", "headers.ce-type"],
  ["a huge extension", STRUCTURED, structured({ big: "v".repeat(2000) }), "body.big"],
  ["an extension name with capitals", STRUCTURED, structured({ BadName: "v" }), "body.BadName"],
  [
    "an extension name longer than 20",
    STRUCTURED,
    structured({ averyveryverylongextensionname: "v" }),
    "body.averyveryverylongextensionname",
  ],
  ["an object as an extension", STRUCTURED, structured({ ext: { a: 1 } }), "body.ext"],
  ["a newline in an attribute", STRUCTURED, structured({ subject: "a\nb" }), "body.subject"],
  [
    "too many extensions",
    STRUCTURED,
    structured(Object.fromEntries(Array.from({ length: 95 }, (_, i) => [`x${i}`, "v"]))),
    "body.*",
  ],
  [
    "a header that is not percent-encoded UTF-8",
    binary({ "ce-subject": "%ff%fe" }),
    "x",
    "headers.ce-subject",
  ],
  ["data declared JSON that is not", binary({ "content-type": "application/json" }), "{nope", "body"],
  [
    "data declared JSON that is not UTF-8",
    binary({ "content-type": "application/json" }),
    new Uint8Array([0x22, 0xc3, 0x28, 0x22]),
    "body",
  ],
  [
    "a wrong content type without ce- headers",
    { "content-type": "text/plain" },
    "hello",
    "headers.content-type",
  ],
  ["no content type and no ce- headers", {}, "hello", "headers.content-type"],
  ["batched mode", { "content-type": "application/cloudevents-batch+json" }, "[]", "headers.content-type"],
  [
    "data and data_base64 together",
    STRUCTURED,
    structured({ data: 1, data_base64: "AA==" }),
    "body.data_base64",
  ],
  ["data_base64 that is not base64", STRUCTURED, structured({ data_base64: "***" }), "body.data_base64"],
  ["a dataschema that is not a URI", STRUCTURED, structured({ dataschema: "not a uri" }), "body.dataschema"],
  ["a bad media type", binary({ "content-type": "json please" }), "x", "headers.content-type"],
  ["a body over 1 MB", binary(), new Uint8Array(1024 * 1024 + 1), "body"],
];

describe("hostile CloudEvents", () => {
  it.each(hostile)("%s → 400 naming %s, nothing stored", async (_what, headers, body, field) => {
    const before = await stored();
    const res = await post(headers, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    expect(await stored()).toBe(before);
  });

  it("an unknown region → 400 naming the region and the allowed ones", async () => {
    const before = await stored();
    const res = await post(binary(), "x", "mars-north1");
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ field: "query.region" });
    expect(res.body.error.issues[0].rule).toMatch(/us-central1/);
    expect(await stored()).toBe(before);
  });
});
