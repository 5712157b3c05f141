import { z } from "zod";
import type { TriggerFilter } from "../catalog-types";
import type { CloudEventAttributes } from "./cloudevent";

// The JSON shapes and query schemas of the event API (docs/API.md), shared by server and browser.

const list = (item: z.ZodType<string, string>, what: string) =>
  z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, `at most 50 ${what}`));

const region = z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, "must be a region such as us-central1");
const eventType = z.string().min(1).max(1024);

export const publishQuery = z.strictObject({ region });

/** `attr=name=value,name2=value2`: exact matches on attributes (extensions, subject, source, …). */
const attributeFilters = z
  .string()
  .transform((v) => v.split(",").filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(
            /^[a-z0-9]{1,20}=[^,]*$/,
            "must be name=value pairs separated by commas (name: a CloudEvents attribute)",
          ),
      )
      .max(20),
  )
  .transform((pairs) =>
    Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])),
  );

export const streamQuery = z.strictObject({
  type: list(eventType, "types").optional(),
  region: list(region, "regions").optional(),
  attr: attributeFilters.optional(),
});
export type StreamQuery = z.infer<typeof streamQuery>;

export const eventTypeParams = z.strictObject({ type: eventType });

export interface EventPayload {
  /** How `value` holds the data: parsed JSON re-serialised, UTF-8 text, or base64 for other bytes. */
  encoding: "json" | "text" | "base64";
  value: string;
  /** Size of the whole data, in bytes. */
  bytes: number;
  /** True when `value` holds only the first TAIL_DATA_LIMIT bytes. */
  truncated: boolean;
}

/** Data bytes an event carries in the API and the tail; larger data is cut (and says so). */
export const TAIL_DATA_LIMIT = 16 * 1024;

/** One event as the API and the live tail show it. */
export interface EventView {
  /** The bus's id: the embedded log's sequence number (also the SSE id) or the Pub/Sub message id. */
  messageId: string;
  region: string;
  publishedAt: string;
  attributes: CloudEventAttributes;
  data: EventPayload;
}

export interface PublishResult {
  id: string;
  type: string;
  region: string;
  messageId: string;
  publishedAt: string;
}

export interface TriggerHealth {
  region: string;
  /** Events pushed (2xx) in the last hour. */
  pushedLastHour: number;
  /** Push latency (publication to 2xx) over the last hour, ms; null without pushes. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Events waiting to be delivered (not yet acknowledged). */
  backlog: number;
  /** Age of the oldest of them, seconds; null when there is none. */
  oldestUnackedSeconds: number | null;
  /** Events dead-lettered in the last 24 hours; null where the source does not tell (Cloud Monitoring). */
  deadLettered: number | null;
  /** The most recent failed push: HTTP status or error, and when. */
  lastFailure: { at: string; status: number | null; error: string } | null;
}

export interface ConsumedTrigger {
  name: string;
  type: string;
  filter: TriggerFilter;
  /** The Pub/Sub subscription filter the module builds for it. */
  pubsubFilter: string;
  /** Embedded mode: where matched events are pushed; null: delivered to the service's inbox. */
  pushEndpoint: string | null;
  /** Services that publish this type. */
  producers: string[];
  /** Per region the service runs in; null where health is not known (see `healthSource`). */
  health: TriggerHealth[];
}

export interface PublishedType {
  type: string;
  description: string;
  recorded: boolean;
  /** Triggers (of any service) that receive this type. */
  consumers: { service: string; trigger: string }[];
}

export interface ServiceEvents {
  service: string;
  regions: string[];
  bus: "embedded" | "pubsub";
  /** Where delivery health comes from: the portal's delivery records, or Cloud Monitoring. */
  healthSource: "deliveries" | "cloud-monitoring";
  /** Why delivery health could not be read (the rest of the answer stands); null when it was. */
  healthError: string | null;
  publishes: PublishedType[];
  consumes: ConsumedTrigger[];
}

export interface EventTypeSummary {
  type: string;
  description: string;
  recorded: boolean;
  schema: unknown;
  producers: string[];
  consumers: { service: string; trigger: string; filter: string }[];
}
