import type { TriggerFilter } from "../catalog-types";
import type { CloudEventAttributes } from "./cloudevent";

/**
 * A CloudEvent attribute as a trigger's filter sees it: the value of the Pub/Sub attribute
 * `ce-<name>` the broker sets (DOMAIN.md §3.1), or undefined when the event has none.
 */
export function eventAttribute(event: CloudEventAttributes, name: string): string | undefined {
  switch (name) {
    case "id":
    case "source":
    case "type":
    case "specversion":
    case "subject":
    case "time":
      return event[name];
    default:
      return Object.hasOwn(event.extensions, name) ? event.extensions[name] : undefined;
  }
}

/**
 * Whether a trigger on `type` with these filters receives the event: the same predicate as the
 * Pub/Sub filter the cloudevent-trigger module builds (lib/trigger-filter.ts), every clause ANDed.
 */
export function matchesTrigger(type: string, filter: TriggerFilter, event: CloudEventAttributes): boolean {
  const value = (name: string) => eventAttribute(event, name);
  if (event.type !== type) return false;
  for (const [k, v] of Object.entries(filter.exact ?? {})) if (value(k) !== v) return false;
  for (const [k, p] of Object.entries(filter.prefix ?? {})) if (!value(k)?.startsWith(p)) return false;
  for (const k of filter.has ?? []) if (value(k) === undefined) return false;
  for (const k of filter.notHas ?? []) if (value(k) !== undefined) return false;
  for (const { key, value: v } of filter.not ?? []) if (value(key) === v) return false;
  return true;
}
