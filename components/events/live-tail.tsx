"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useEventTail, type TailFilters } from "@/lib/hooks/use-event-tail";
import { EventDetail } from "./event-detail";

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC", hour12: false });
const ATTRIBUTE_FILTER = /^([a-z0-9]{1,20})=([^,]*)$/;

/**
 * The live tail of one service: every event it publishes or receives, as it crosses the broker.
 * Filters by type, region and one attribute; pause holds new events; a row opens the event.
 */
export function LiveTail({
  service,
  types,
  regions,
}: {
  service: string;
  types: string[];
  regions: string[];
}) {
  const [type, setType] = useState("");
  const [region, setRegion] = useState("");
  const [attribute, setAttribute] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const toast = useToast();
  const parsed = ATTRIBUTE_FILTER.exec(attribute.trim());
  const attributeError = attribute.trim() && !parsed ? "use name=value, e.g. subject=orders/1001" : null;
  const filters: TailFilters = {
    types: type ? [type] : [],
    regions: region ? [region] : [],
    attributes: parsed ? { [parsed[1]!]: parsed[2]! } : {},
  };
  const tail = useEventTail(service, filters);
  const statusTone = tail.status === "live" ? "ok" : "warn";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2 px-4 pt-3">
        <label className="text-xs text-muted">
          Type
          <Select
            aria-label="Filter by type"
            value={type}
            onChange={(e) => setType(e.target.value)}
            className="mt-1 block"
          >
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-muted">
          Region
          <Select
            aria-label="Filter by region"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            className="mt-1 block"
          >
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-muted">
          Attribute
          <Input
            aria-label="Filter by attribute"
            placeholder="name=value"
            value={attribute}
            invalid={Boolean(attributeError)}
            onChange={(e) => setAttribute(e.target.value)}
            className="mt-1 block w-52 font-mono"
          />
        </label>
        <div className="ml-auto flex items-center gap-2">
          <Badge tone={statusTone} dot aria-live="polite">
            {tail.paused ? `paused · ${tail.held} held` : tail.status}
          </Badge>
          <Button size="sm" onClick={() => tail.setPaused(!tail.paused)}>
            {tail.paused ? "Resume" : "Pause"}
          </Button>
          <Button size="sm" variant="ghost" onClick={tail.clear}>
            Clear
          </Button>
        </div>
      </div>
      {attributeError ? <p className="px-4 text-xs text-danger">Attribute filter: {attributeError}</p> : null}
      {tail.dropped ? (
        <p className="px-4 text-xs text-warn">
          {tail.dropped} events were skipped because this tab fell behind.
        </p>
      ) : null}
      <div className="max-h-[32rem] overflow-auto border-t border-border">
        <table className="w-full text-left text-xs" aria-label="Live tail">
          <thead className="sticky top-0 bg-surface-muted">
            <tr>
              <th className="px-3 py-1.5 font-medium">Time (UTC)</th>
              <th className="px-3 py-1.5 font-medium">Region</th>
              <th className="px-3 py-1.5 font-medium">Type</th>
              <th className="px-3 py-1.5 font-medium">Subject</th>
              <th className="px-3 py-1.5 font-medium">Source</th>
              <th className="px-3 py-1.5 font-medium">Marks</th>
            </tr>
          </thead>
          <tbody>
            {tail.events.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-muted">
                  {tail.status === "live" ? "Waiting for events…" : "Connecting to the broker…"}
                </td>
              </tr>
            ) : null}
            {tail.events.map((e) => {
              const key = `${e.region}-${e.messageId}`;
              const expanded = open === key;
              return (
                <Fragment key={key}>
                  <tr
                    className="cursor-pointer border-t border-border hover:bg-surface-muted/60"
                    aria-expanded={expanded}
                    data-event-id={e.attributes.id}
                    onClick={() => setOpen(expanded ? null : key)}
                  >
                    <td className="px-3 py-1.5 font-mono tabular-nums">
                      {timeFormat.format(new Date(e.publishedAt))}
                    </td>
                    <td className="px-3 py-1.5 font-mono">{e.region}</td>
                    <td className="px-3 py-1.5 font-mono">{e.attributes.type}</td>
                    <td className="max-w-48 truncate px-3 py-1.5 font-mono">{e.attributes.subject ?? ""}</td>
                    <td className="max-w-48 truncate px-3 py-1.5 font-mono text-muted">
                      {e.attributes.source}
                    </td>
                    <td className="space-x-1 px-3 py-1.5">
                      {e.attributes.extensions.replayid ? <Badge tone="accent">replayed</Badge> : null}
                      {e.attributes.extensions.demo === "true" ? <Badge>demo</Badge> : null}
                    </td>
                  </tr>
                  {expanded ? (
                    <tr>
                      <td colSpan={6} className="p-0">
                        <EventDetail
                          event={e}
                          onCopied={(what) => toast({ title: `Copied the ${what}`, tone: "ok" })}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
