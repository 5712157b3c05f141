"use client";

import { Button } from "@/components/ui/button";
import type { EventView } from "@/lib/events/api";
import { eventAsCurl } from "@/lib/events/curl";

function prettyData(event: EventView): string {
  if (event.data.encoding !== "json") return event.data.value;
  try {
    return JSON.stringify(JSON.parse(event.data.value), null, 2);
  } catch {
    return event.data.value;
  }
}

/** One event opened in the tail: every attribute, the data, and "copy as curl". */
export function EventDetail({ event, onCopied }: { event: EventView; onCopied: (what: string) => void }) {
  const a = event.attributes;
  const rows: [string, string][] = [
    ["id", a.id],
    ["type", a.type],
    ["source", a.source],
    ["specversion", a.specversion],
    ...(a.subject ? ([["subject", a.subject]] as [string, string][]) : []),
    ...(a.time ? ([["time", a.time]] as [string, string][]) : []),
    ...(a.datacontenttype ? ([["datacontenttype", a.datacontenttype]] as [string, string][]) : []),
    ...(a.dataschema ? ([["dataschema", a.dataschema]] as [string, string][]) : []),
    ...Object.entries(a.extensions).sort(([x], [y]) => x.localeCompare(y)),
    ["region (broker topic)", event.region],
    ["message id", event.messageId],
    ["published at", event.publishedAt],
  ];
  const copy = async () => {
    await navigator.clipboard.writeText(eventAsCurl(window.location.origin, event));
    onCopied("curl command");
  };
  return (
    <div className="grid gap-3 bg-surface-muted/40 px-3 py-3 md:grid-cols-2" aria-label={`Event ${a.id}`}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-muted">{k}</dt>
            <dd className="font-mono break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="min-w-0 space-y-2">
        <div className="flex items-center justify-between gap-2 text-xs text-muted">
          <span>
            data · {event.data.bytes} bytes{event.data.encoding === "base64" ? " (base64)" : ""}
            {event.data.truncated ? " · truncated" : ""}
          </span>
          <Button size="sm" onClick={() => void copy()}>
            Copy as curl
          </Button>
        </div>
        <pre className="max-h-72 overflow-auto rounded-md border border-border bg-surface p-2 font-mono text-xs">
          {prettyData(event) || "(no data)"}
        </pre>
      </div>
    </div>
  );
}
