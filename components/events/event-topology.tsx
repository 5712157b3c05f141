import Link from "next/link";
import type { ServiceEvents } from "@/lib/events/api";

function ServiceChip({ name, self }: { name: string; self?: boolean }) {
  return self ? (
    <span className="rounded-md border border-accent/40 bg-accent/8 px-2 py-1 font-mono text-xs font-semibold text-accent">
      {name}
    </span>
  ) : (
    <Link
      href={`/services/${name}/events`}
      className="rounded-md border border-border bg-surface px-2 py-1 font-mono text-xs hover:border-border-strong"
    >
      {name}
    </Link>
  );
}

function TypeChip({ type }: { type: string }) {
  return (
    <Link
      href={`/event-types/${encodeURIComponent(type)}`}
      className="rounded-full border border-info/30 bg-info/8 px-2 py-0.5 font-mono text-[11px] text-info hover:underline"
    >
      {type}
    </Link>
  );
}

const Arrow = () => (
  <span aria-hidden className="text-muted">
    →
  </span>
);

/**
 * The broker around one service: who publishes what it consumes (through which trigger), and who
 * consumes what it publishes. Every hop goes through the regional broker topics.
 */
export function EventTopology({ events }: { events: ServiceEvents }) {
  const broker = <span className="text-xs text-muted">broker ({events.regions.length} regions)</span>;
  return (
    <div className="space-y-3 text-sm" aria-label="Event topology">
      {events.consumes.map((t) => (
        <div
          key={t.name}
          className="flex flex-wrap items-center gap-2 border-t border-border pt-3 first:border-0 first:pt-0"
          data-flow="in"
        >
          {t.producers.length ? (
            t.producers.map((p) => <ServiceChip key={p} name={p} />)
          ) : (
            <span className="text-xs text-muted">outside the catalog</span>
          )}
          <Arrow />
          <TypeChip type={t.type} />
          <Arrow />
          {broker}
          <Arrow />
          <span className="font-mono text-xs text-muted">{t.name}</span>
          <Arrow />
          <ServiceChip name={events.service} self />
        </div>
      ))}
      {events.publishes.map((p) => (
        <div
          key={p.type}
          className="flex flex-wrap items-center gap-2 border-t border-border pt-3 first:border-0 first:pt-0"
          data-flow="out"
        >
          <ServiceChip name={events.service} self />
          <Arrow />
          <TypeChip type={p.type} />
          <Arrow />
          {broker}
          <Arrow />
          {p.consumers.length ? (
            <div className="flex flex-col gap-1">
              {p.consumers.map((c) => (
                <span key={c.trigger} className="flex items-center gap-2">
                  <span className="font-mono text-xs text-muted">{c.trigger}</span>
                  <Arrow />
                  <ServiceChip name={c.service} self={c.service === events.service} />
                </span>
              ))}
            </div>
          ) : (
            <span className="text-xs text-muted">
              no trigger receives it{p.recorded ? " (recorded only)" : ""}
            </span>
          )}
        </div>
      ))}
      {events.consumes.length === 0 && events.publishes.length === 0 ? (
        <p className="text-muted">This service neither publishes nor consumes events.</p>
      ) : null}
    </div>
  );
}
