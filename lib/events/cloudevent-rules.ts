import { ATTRIBUTE_NAME, CONTEXT_ATTRIBUTES } from "./cloudevent";

// The limits an accepted CloudEvent keeps, so that every event the portal takes also fits the
// broker (Pub/Sub: body ≤ 10 MB, ≤ 100 attributes, values ≤ 1024 bytes) and the push delivery.

/** Largest body (data, or the whole structured-mode document) accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest attribute value, in UTF-8 bytes (Pub/Sub's limit on an attribute value). */
export const MAX_ATTRIBUTE_BYTES = 1024;
/** Most extensions on one event: Pub/Sub allows 100 attributes, the standard ones take up to 10. */
export const MAX_EXTENSIONS = 90;
/** Extensions the portal sets itself: the publisher's verified identity, and the replay marks. */
export const RESERVED_EXTENSIONS = ["actor", "replayid", "replayedfrom"] as const;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=("[^"]*"|[\w!#$&^.+-]+))*$/;
const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

const bytes = (s: string) => new TextEncoder().encode(s).length;

export interface AttributeProblem {
  attribute: string;
  rule: string;
}

/**
 * The problems with one attribute's value, or null. `name` is the CloudEvents attribute name;
 * `value` what arrived (a string, or for extensions also a number or boolean in structured mode).
 */
export function attributeProblem(name: string, value: unknown): string | null {
  const required = name === "id" || name === "source" || name === "type" || name === "specversion";
  if (value === undefined || value === null) return required ? "is required" : null;
  if (name === "specversion") return value === "1.0" ? null : 'must be "1.0" (CloudEvents 1.0)';
  const isExtension = !(CONTEXT_ATTRIBUTES as readonly string[]).includes(name);
  if (isExtension && (typeof value === "number" || typeof value === "boolean")) return null;
  if (typeof value !== "string")
    return isExtension ? "must be a string, number or boolean" : "must be a string";
  if (value === "") return "must not be empty";
  if (bytes(value) > MAX_ATTRIBUTE_BYTES) return `must be at most ${MAX_ATTRIBUTE_BYTES} bytes`;
  if (CONTROL.test(value)) return "must not contain control characters (newlines, tabs, NUL)";
  if (name === "time" && (!RFC3339.test(value) || Number.isNaN(Date.parse(value))))
    return "must be an RFC 3339 timestamp such as 2026-12-04T09:30:00Z";
  if (name === "datacontenttype" && !MEDIA_TYPE.test(value))
    return "must be a media type such as application/json";
  if (name === "dataschema" && !ABSOLUTE_URI.test(value)) return "must be an absolute URI";
  return null;
}

/** The problem with an extension's name, or null. */
export function extensionNameProblem(name: string): string | null {
  if (!ATTRIBUTE_NAME.test(name))
    return "extension names are 1-20 lower-case letters or digits (CloudEvents 1.0)";
  if ((RESERVED_EXTENSIONS as readonly string[]).includes(name))
    return "is set by Meridian and cannot be sent";
  return null;
}

export const isJsonMediaType = (type: string | undefined) =>
  type === undefined || /^application\/([\w.-]+\+)?json(\s*;.*)?$/i.test(type) || /^text\/json/i.test(type);
