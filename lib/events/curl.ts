import type { EventView } from "./api";
import { binaryHeaderValue as headerValue } from "./cloudevent";
import { RESERVED_EXTENSIONS } from "./cloudevent-rules";

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * A curl command that publishes the event again through the portal's ingest, in binary mode (as
 * a developer would to reproduce it). The portal stamps `actor` itself, so it is left out.
 */
export function eventAsCurl(origin: string, event: EventView): string {
  const a = event.attributes;
  const headers: [string, string][] = [
    ["ce-specversion", a.specversion],
    ["ce-id", a.id],
    ["ce-type", a.type],
    ["ce-source", a.source],
  ];
  if (a.subject) headers.push(["ce-subject", a.subject]);
  if (a.time) headers.push(["ce-time", a.time]);
  if (a.dataschema) headers.push(["ce-dataschema", a.dataschema]);
  if (a.datacontenttype) headers.push(["content-type", a.datacontenttype]);
  for (const [k, v] of Object.entries(a.extensions))
    if (!(RESERVED_EXTENSIONS as readonly string[]).includes(k)) headers.push([`ce-${k}`, v]);
  const data =
    event.data.encoding === "base64"
      ? `--data-binary @<(echo ${shellQuote(event.data.value)} | base64 -d)`
      : `--data-binary ${shellQuote(event.data.value)}`;
  return [
    `curl -X POST ${shellQuote(`${origin}/api/events?region=${event.region}`)}`,
    ...headers.map(([k, v]) => `-H ${shellQuote(`${k}: ${headerValue(v)}`)}`),
    data,
  ].join(" \\\n  ");
}
