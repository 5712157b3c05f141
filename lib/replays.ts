import { z } from "zod";
import { serviceName } from "./catalog";
import { ATTRIBUTE_NAME } from "./events/cloudevent";
import type { EventView } from "./events/api";

// The replay API's request schemas and response shapes (docs/API.md), shared by server and browser.

/** Replays above this many events, or aimed at a whole broker, need the service name typed in. */
export const DEFAULT_CONFIRM_THRESHOLD = 10_000;
export const MAX_WINDOW_DAYS = 31;
export const DEFAULT_RATE = 10;
export const MAX_RATE = 10_000;

const condition = {
  op: z.enum(["equals", "prefix"]),
  value: z.string().max(1024, "must be at most 1024 characters"),
};
const region = z.string().regex(/^[a-z]+-[a-z]+[0-9]+$/, "must be a region such as us-central1");

export const replaySelection = z
  .strictObject({
    types: z.array(z.string().min(1).max(256)).min(1, "choose at least one event type").max(10),
    from: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time" }),
    to: z.iso.datetime({ offset: true, message: "must be an ISO 8601 time" }),
    subject: z.strictObject(condition).optional(),
    source: z.strictObject(condition).optional(),
    extensions: z
      .array(
        z.strictObject({
          name: z.string().regex(ATTRIBUTE_NAME, "must be a CloudEvents attribute name"),
          ...condition,
        }),
      )
      .max(10)
      .optional(),
    data: z
      .array(
        z.strictObject({
          path: z
            .string()
            .regex(
              /^\$(\.[A-Za-z_][A-Za-z0-9_]*){1,10}$/,
              "must be a JSON path such as $.order.id (dotted names only)",
            ),
          ...condition,
        }),
      )
      .max(10)
      .optional(),
  })
  .superRefine((s, ctx) => {
    const from = Date.parse(s.from);
    const to = Date.parse(s.to);
    if (!(from < to)) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    else if (to - from > MAX_WINDOW_DAYS * 86_400_000)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `the window may span at most ${MAX_WINDOW_DAYS} days`,
      });
  });
export type ReplaySelection = z.infer<typeof replaySelection>;

export const replayTarget = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("trigger"), trigger: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal("broker"), region }),
]);
export type ReplayTarget = z.infer<typeof replayTarget>;

export const estimateRequest = z.strictObject({
  service: serviceName,
  selection: replaySelection,
  sampleSize: z.int().min(0).max(20).default(5),
});

export const createReplayRequest = z.strictObject({
  service: serviceName,
  selection: replaySelection,
  target: replayTarget,
  ratePerSecond: z.number().min(0.1).max(MAX_RATE).default(DEFAULT_RATE),
  /** The service's name, typed, when the replay needs confirmation. */
  confirm: z.string().max(100).optional(),
});
export type CreateReplayRequest = z.infer<typeof createReplayRequest>;

export const replayIdParams = z.strictObject({ id: z.uuid({ message: "must be a replay id" }) });
export const replayListQuery = z.strictObject({ service: serviceName.optional() });

export const replayStatuses = [
  "queued",
  "running",
  "paused",
  "cancelling",
  "cancelled",
  "completed",
  "failed",
] as const;
export type ReplayStatus = (typeof replayStatuses)[number];
export const terminalReplayStatuses: readonly ReplayStatus[] = ["cancelled", "completed", "failed"];

export interface ReplayEstimate {
  count: number;
  bytesScanned: number | null;
  sample: EventView[];
  archive: "embedded" | "bigquery";
  /** Whether starting it needs the service name typed (size above the threshold, or a broker target). */
  confirmAbove: number;
}

export interface ReplayView {
  id: string;
  service: string;
  requestedBy: string;
  target: ReplayTarget;
  selection: ReplaySelection;
  ratePerSecond: number;
  status: ReplayStatus;
  total: number;
  sent: number;
  failed: number;
  remaining: number;
  /** Seconds to go at the configured rate; null when not running. */
  etaSeconds: number | null;
  failures: { originalId: string | null; reason: string }[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
