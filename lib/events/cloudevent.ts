// A CloudEvent as the portal carries it (CloudEvents 1.0), browser-safe: the shape of the event
// API and of the live tail. Attribute names follow the spec; extensions are always strings, as
// they are once mapped to Pub/Sub attributes (DOMAIN.md §3.1).

export interface CloudEventAttributes {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  subject?: string;
  /** RFC 3339, UTC. */
  time?: string;
  datacontenttype?: string;
  dataschema?: string;
  /** Every other attribute (lower-case letters and digits, at most 20 characters), stringified. */
  extensions: Record<string, string>;
}

/** A CloudEvent with its data as bytes (the Pub/Sub message body). */
export interface CloudEventData extends CloudEventAttributes {
  data: Uint8Array;
}

/** Attribute names the spec defines; an extension may not take one of them. */
export const CONTEXT_ATTRIBUTES = [
  "specversion",
  "id",
  "source",
  "type",
  "subject",
  "time",
  "datacontenttype",
  "dataschema",
  "data",
  "data_base64",
] as const;

/** CloudEvents 1.0: attribute names are lower-case ASCII letters or digits, at most 20 characters. */
export const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;

/** A binary-mode header value (HTTP binding 1.0): printable ASCII as is, the rest percent-encoded UTF-8. */
export const binaryHeaderValue = (v: string) =>
  v.replace(/[^\x20-\x24\x26-\x7e]+/g, (s) => encodeURIComponent(s));
