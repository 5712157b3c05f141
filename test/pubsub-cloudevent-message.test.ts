import { afterEach, describe, expect, it, vi } from "vitest";
import { CloudEvent, HTTP } from "cloudevents";
import type { CloudEventData } from "@/lib/events/cloudevent";
import {
  CloudEventMappingError,
  formatCeTime,
  fromPubSubMessage,
  toPubSubMessage,
} from "@/server/integrations/pubsub/cloudevent-message";
import { log } from "@/server/observability/logger";

const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a, 0xe2, 0x82]); // not UTF-8

const full: CloudEventData = {
  specversion: "1.0",
  id: "evt-0001",
  source: "//github.com/acme/checkout",
  type: "dev.chainguard.github.push",
  subject: "refs/heads/main",
  time: "2026-12-04T09:30:15Z",
  datacontenttype: "application/octet-stream",
  dataschema: "https://schemas.acme.dev/push.json",
  extensions: { actor: "alice@acme.dev", partitionkey: "checkout-42", traceparent: "00-abc-def-01" },
  data: binary,
};

const minimal: CloudEventData = {
  specversion: "1.0",
  id: "evt-2",
  source: "portal",
  type: "dev.acme.ping",
  extensions: {},
  data: new Uint8Array(),
};

afterEach(() => vi.restoreAllMocks());

describe("toPubSubMessage", () => {
  it("maps the context attributes, content type and extensions like pkg/pubsub.FromCloudEvent", () => {
    const message = toPubSubMessage(full);
    expect(message.attributes).toEqual({
      "ce-id": "evt-0001",
      "ce-specversion": "1.0",
      "ce-type": "dev.chainguard.github.push",
      "ce-source": "//github.com/acme/checkout",
      "ce-subject": "refs/heads/main",
      "ce-time": "2026-12-04T09:30:15Z",
      "content-type": "application/octet-stream",
      "ce-dataschema": "https://schemas.acme.dev/push.json",
      "ce-actor": "alice@acme.dev",
      "ce-partitionkey": "checkout-42",
      "ce-traceparent": "00-abc-def-01",
    });
    expect([...message.data]).toEqual([...binary]);
    expect(message.orderingKey).toBeUndefined();
  });

  it("writes the time in UTC, to the second, as Go's time.RFC3339 does", () => {
    expect(formatCeTime("2026-12-04T11:30:15+02:00")).toBe("2026-12-04T09:30:15Z");
    expect(formatCeTime("2026-12-04T09:30:15.987654321Z")).toBe("2026-12-04T09:30:15Z");
    expect(formatCeTime("1973-11-29t21:33:09z")).toBe("1973-11-29T21:33:09Z");
    expect(() => formatCeTime("yesterday")).toThrow(CloudEventMappingError);
    expect(() => formatCeTime("2026-12-04 09:30:15")).toThrow(/not RFC 3339/);
    expect(() => toPubSubMessage({ ...minimal, time: "2026-13-45T00:00:00Z" })).toThrow(/not RFC 3339/);
  });

  it("leaves out subject, time, content type and schema when the event has none", () => {
    expect(toPubSubMessage(minimal).attributes).toEqual({
      "ce-id": "evt-2",
      "ce-specversion": "1.0",
      "ce-type": "dev.acme.ping",
      "ce-source": "portal",
    });
  });

  it("makes partitionkey the ordering key only with ordering", () => {
    expect(toPubSubMessage(full, { ordering: true }).orderingKey).toBe("checkout-42");
    expect(toPubSubMessage(full, { ordering: false }).orderingKey).toBeUndefined();
    expect(toPubSubMessage(minimal, { ordering: true }).orderingKey).toBeUndefined();
  });

  it("skips, with a warning, extensions that take a context attribute name", () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    const message = toPubSubMessage({
      ...minimal,
      extensions: { id: "evil-id", type: "evil", color: "red" },
    });
    expect(message.attributes["ce-id"]).toBe("evt-2");
    expect(message.attributes["ce-type"]).toBe("dev.acme.ping");
    expect(message.attributes["ce-color"]).toBe("red");
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"id"'));
  });

  it("refuses what Pub/Sub or CloudEvents would not take", () => {
    expect(() => toPubSubMessage({ ...minimal, id: "" })).toThrow("the event has no id");
    expect(() => toPubSubMessage({ ...minimal, extensions: { "Bad-Name": "x" } })).toThrow(/extension name/);
    expect(() => toPubSubMessage({ ...minimal, subject: "s".repeat(1025) })).toThrow(/ce-subject is longer/);
    const many = Object.fromEntries(Array.from({ length: 97 }, (_, i) => [`ext${i}`, "v"]));
    expect(() => toPubSubMessage({ ...minimal, extensions: many })).toThrow(/101 Pub\/Sub attributes/);
    expect(() =>
      toPubSubMessage({ ...minimal, extensions: { partitionkey: "k".repeat(1025) } }, { ordering: true }),
    ).toThrow(/attribute ce-partitionkey is longer/);
  });

  it("gives attributes the CloudEvents SDK reads as the same event (push delivery writes them as headers)", () => {
    const { attributes, data } = toPubSubMessage(full);
    const parsed = HTTP.toEvent({ headers: attributes, body: Buffer.from(data) }) as CloudEvent<Buffer>;
    expect(parsed.id).toBe(full.id);
    expect(parsed.type).toBe(full.type);
    expect(parsed.source).toBe(full.source);
    expect(parsed.subject).toBe(full.subject);
    expect(parsed.dataschema).toBe(full.dataschema);
    expect(parsed.datacontenttype).toBe(full.datacontenttype);
    expect(new Date(parsed.time!).toISOString()).toBe("2026-12-04T09:30:15.000Z");
    expect(parsed.actor).toBe("alice@acme.dev");
    expect(parsed.partitionkey).toBe("checkout-42");
    // And the SDK's own binary-mode headers are the same names and values, time aside.
    const { extensions, ...context } = full;
    const sdk = HTTP.binary(new CloudEvent({ ...context, ...extensions, data: Buffer.from(binary) })).headers;
    const withoutTime = (h: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(h).filter(([k]) => k !== "ce-time"));
    expect(withoutTime(attributes)).toEqual(withoutTime(sdk));
  });
});

describe("fromPubSubMessage", () => {
  it("reads every attribute back, ce-actor as the actor extension", () => {
    const event = fromPubSubMessage({
      data: Buffer.from(binary),
      attributes: {
        "ce-id": "evt-9",
        "ce-specversion": "1.0",
        "ce-type": "dev.chainguard.github.pull_request",
        "ce-source": "github.com",
        "ce-subject": "acme/checkout#12",
        "ce-time": "2026-12-04T09:30:15.250Z",
        "content-type": "application/json",
        "ce-actor": "ingress@acme.iam.gserviceaccount.com",
        "ce-partitionkey": "acme/checkout",
        googclient_schemaname: "ignored",
        other: "ignored",
        "ce-Not_Valid": "ignored",
      },
    });
    expect(event).toEqual({
      specversion: "1.0",
      id: "evt-9",
      type: "dev.chainguard.github.pull_request",
      source: "github.com",
      subject: "acme/checkout#12",
      time: "2026-12-04T09:30:15.250Z",
      datacontenttype: "application/json",
      extensions: { actor: "ingress@acme.iam.gserviceaccount.com", partitionkey: "acme/checkout" },
      data: binary,
    });
    expect(event.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(event.data)).toBe(false);
  });

  it("reads the Go mapping's empty subject, empty content type and zero time as unset", () => {
    const event = fromPubSubMessage({
      data: Buffer.from("{}"),
      attributes: {
        "ce-id": "id",
        "ce-specversion": "1.0",
        "ce-type": "type",
        "ce-source": "source",
        "ce-subject": "",
        "ce-time": "0001-01-01T00:00:00Z",
        "content-type": "",
      },
    });
    expect(event).toEqual({
      specversion: "1.0",
      id: "id",
      type: "type",
      source: "source",
      extensions: {},
      data: new Uint8Array(Buffer.from("{}")),
    });
  });

  it("normalises a time with an offset to UTC and drops a malformed one", () => {
    const base = { "ce-id": "i", "ce-specversion": "1.0", "ce-type": "t", "ce-source": "s" };
    expect(fromPubSubMessage({ attributes: { ...base, "ce-time": "2026-12-04T10:30:15+01:00" } }).time).toBe(
      "2026-12-04T09:30:15.000Z",
    );
    expect(fromPubSubMessage({ attributes: { ...base, "ce-time": "soon" } }).time).toBeUndefined();
  });

  it("reads base64 data (the REST form) and a message without data", () => {
    const base = { "ce-id": "i", "ce-specversion": "1.0", "ce-type": "t", "ce-source": "s" };
    expect([
      ...fromPubSubMessage({ data: Buffer.from(binary).toString("base64"), attributes: base }).data,
    ]).toEqual([...binary]);
    expect(fromPubSubMessage({ data: null, attributes: base }).data).toEqual(new Uint8Array());
  });

  it("refuses a message that is not a CloudEvents 1.0 event", () => {
    expect(() => fromPubSubMessage({ data: Buffer.from("hello"), attributes: {} })).toThrow(
      "the message has no ce-specversion attribute",
    );
    expect(() =>
      fromPubSubMessage({ attributes: { "ce-specversion": "1.0", "ce-id": "i", "ce-source": "s" } }),
    ).toThrow("the message has no ce-type attribute");
    expect(() =>
      fromPubSubMessage({
        attributes: { "ce-specversion": "0.3", "ce-id": "i", "ce-source": "s", "ce-type": "t" },
      }),
    ).toThrow(CloudEventMappingError);
  });
});

describe("round trips", () => {
  const roundTrip = (event: CloudEventData) => fromPubSubMessage(toPubSubMessage(event, { ordering: true }));

  it("keeps a full event with a binary body", () => {
    expect(roundTrip(full)).toEqual(full);
  });

  it("keeps an event without subject, time or data", () => {
    expect(roundTrip(minimal)).toEqual(minimal);
  });

  it("keeps many extensions", () => {
    const extensions = Object.fromEntries(
      Array.from({ length: 90 }, (_, i) => [`ext${i}`, `value ${i} with spaces, "quotes" and ünïcödé`]),
    );
    const event = { ...full, extensions: { ...extensions, actor: "bob@acme.dev" } };
    const message = toPubSubMessage(event);
    expect(Object.keys(message.attributes)).toHaveLength(99); // 8 for the context, 91 extensions
    expect(roundTrip(event)).toEqual(event);
  });

  it("keeps a message's attributes the other way round", () => {
    const attributes = toPubSubMessage(full).attributes;
    expect(toPubSubMessage(fromPubSubMessage({ data: Buffer.from(binary), attributes })).attributes).toEqual(
      attributes,
    );
  });

  it("loses only what the platform loses: fractions of a second", () => {
    expect(roundTrip({ ...full, time: "2026-12-04T09:30:15.123Z" }).time).toBe("2026-12-04T09:30:15Z");
  });
});
