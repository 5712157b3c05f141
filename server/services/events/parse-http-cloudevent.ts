import "server-only";
import type { CloudEventData } from "@/lib/events/cloudevent";
import {
  MAX_BODY_BYTES,
  MAX_EXTENSIONS,
  attributeProblem,
  extensionNameProblem,
  isJsonMediaType,
} from "@/lib/events/cloudevent-rules";
import { AppError, type FieldIssue } from "@/lib/errors";

// CloudEvents over HTTP (the HTTP protocol binding 1.0), in its two single-event modes:
// - binary: the attributes are `ce-*` headers (percent-encoded UTF-8), `content-type` is
//   datacontenttype, the body is the data;
// - structured: `content-type: application/cloudevents+json`, the body is the whole event as JSON
//   (`data` as JSON, or `data_base64`).
// Everything is checked here strictly, and every problem is named: the cloudevents SDK's own parser
// accepts spec version 2.0 and empty ids and replaces a malformed time with the current time.

const STANDARD = ["id", "source", "type", "subject", "time", "dataschema"] as const;
const STRUCTURED = /^application\/cloudevents\+json(\s*;.*)?$/i;
const BATCH = /^application\/cloudevents-batch\+json/i;
const utf8 = new TextDecoder("utf-8", { fatal: true });

type Attributes = Record<string, unknown>;

export function parseHttpCloudEvent(headers: Headers, body: Uint8Array): CloudEventData {
  if (body.length > MAX_BODY_BYTES)
    throw invalid([{ field: "body", rule: `must be at most ${MAX_BODY_BYTES} bytes (1 MB)` }]);
  const contentType = headers.get("content-type") ?? undefined;
  if (contentType && BATCH.test(contentType))
    throw invalid([
      { field: "headers.content-type", rule: "batched mode is not supported: send one event per request" },
    ]);
  if (contentType && STRUCTURED.test(contentType)) return structured(body);
  if (headers.has("ce-specversion")) return binary(headers, contentType, body);
  throw invalid([
    {
      field: "headers.content-type",
      rule: "not a CloudEvent: send binary mode (ce-specversion, ce-id, ce-type, ce-source headers) or structured mode (content-type: application/cloudevents+json)",
    },
  ]);
}

function binary(headers: Headers, contentType: string | undefined, body: Uint8Array): CloudEventData {
  const issues: FieldIssue[] = [];
  const attributes: Attributes = {};
  headers.forEach((raw, key) => {
    if (!key.startsWith("ce-")) return;
    const value = decodeHeader(raw);
    if (value === null) issues.push({ field: `headers.${key}`, rule: "must be percent-encoded UTF-8" });
    else attributes[key.slice(3)] = value;
  });
  if (contentType !== undefined) attributes.datacontenttype = contentType;
  if (contentType && isJsonMediaType(contentType)) {
    const problem = jsonProblem(body);
    if (problem) issues.push({ field: "body", rule: `data is declared ${contentType} but ${problem}` });
  }
  return build(attributes, body, issues, (name) =>
    name === "datacontenttype" ? "headers.content-type" : `headers.ce-${name}`,
  );
}

function structured(body: Uint8Array): CloudEventData {
  let document: unknown;
  try {
    document = JSON.parse(utf8.decode(body));
  } catch (error) {
    const rule =
      error instanceof TypeError ? "must be valid UTF-8" : `must be JSON (${(error as Error).message})`;
    throw invalid([{ field: "body", rule }]);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    throw invalid([{ field: "body", rule: "must be a JSON object holding one CloudEvent" }]);
  const { data, data_base64: base64, ...attributes } = document as Attributes;
  const issues: FieldIssue[] = [];
  let bytes = new Uint8Array();
  if (data !== undefined && base64 !== undefined)
    issues.push({ field: "body.data_base64", rule: "must not be sent together with data" });
  else if (base64 !== undefined) {
    if (typeof base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
      issues.push({ field: "body.data_base64", rule: "must be base64" });
    else bytes = new Uint8Array(Buffer.from(base64, "base64"));
  } else if (data !== undefined) {
    const type = typeof attributes.datacontenttype === "string" ? attributes.datacontenttype : undefined;
    if (isJsonMediaType(type)) bytes = new TextEncoder().encode(JSON.stringify(data));
    else if (typeof data === "string") bytes = new TextEncoder().encode(data);
    else issues.push({ field: "body.data", rule: `must be a string for datacontenttype ${type}` });
    if (type === undefined) attributes.datacontenttype = "application/json";
  }
  return build(attributes, bytes, issues, (name) => `body.${name}`);
}

function build(
  attributes: Attributes,
  data: Uint8Array,
  issues: FieldIssue[],
  field: (attribute: string) => string,
): CloudEventData {
  for (const name of ["specversion", ...STANDARD, "datacontenttype"]) {
    const problem = attributeProblem(name, attributes[name]);
    if (problem) issues.push({ field: field(name), rule: problem });
  }
  const extensions: Record<string, string> = {};
  const known = new Set<string>(["specversion", ...STANDARD, "datacontenttype"]);
  for (const [name, value] of Object.entries(attributes)) {
    if (known.has(name)) continue;
    const problem = extensionNameProblem(name) ?? attributeProblem(name, value);
    if (problem) issues.push({ field: field(name), rule: problem });
    else extensions[name] = String(value);
  }
  if (Object.keys(extensions).length > MAX_EXTENSIONS)
    issues.push({ field: field("*"), rule: `at most ${MAX_EXTENSIONS} extension attributes` });
  if (issues.length) throw invalid(issues);
  const text = (name: string) => (attributes[name] as string | undefined) ?? undefined;
  return {
    specversion: "1.0",
    id: text("id")!,
    source: text("source")!,
    type: text("type")!,
    ...(text("subject") ? { subject: text("subject") } : {}),
    ...(text("time") ? { time: new Date(text("time")!).toISOString() } : {}),
    ...(text("datacontenttype") ? { datacontenttype: text("datacontenttype") } : {}),
    ...(text("dataschema") ? { dataschema: text("dataschema") } : {}),
    extensions,
    data,
  };
}

/** A binary-mode header value: printable ASCII, percent-decoded as UTF-8; null when it is not. */
function decodeHeader(raw: string): string | null {
  if (!/^[\x20-\x7e]*$/.test(raw)) return null;
  try {
    return decodeURIComponent(raw.replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
  } catch {
    return null;
  }
}

function jsonProblem(body: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return "it is not valid UTF-8";
  }
  try {
    JSON.parse(text);
    return null;
  } catch {
    return "it is not JSON";
  }
}

const invalid = (issues: FieldIssue[]) =>
  new AppError(
    "bad_request",
    `Not a valid CloudEvent: ${issues.map((i) => `${i.field} ${i.rule}`).join("; ")}`,
    issues,
  );
