import { z } from "zod";

// The subset of OTLP/HTTP JSON (ExportMetricsServiceRequest, opentelemetry-proto metrics/v1) that
// POST /api/otlp/v1/metrics accepts: sums, gauges and explicit-bucket histograms. 64-bit integers
// arrive as decimal strings (numbers are accepted too); enums as numbers or their names. Unknown
// fields are ignored, as OTLP requires. What a data point means is decided by the ingest service.

export const SERVICE_ATTRIBUTE = "service.name";
export const REGION_ATTRIBUTE = "cloud.region";

/** A 64-bit integer field: OTLP JSON writes them as decimal strings; plain JSON numbers are accepted too. */
const integer = (pattern: RegExp, message: string) =>
  z.union([z.string().regex(pattern, { message }), z.number({ message }).int({ message })], { message });
const uint64 = integer(/^\d{1,20}$/, "must be a non-negative integer (a decimal string in OTLP JSON)").refine(
  (v) => Number(v) >= 0,
  { message: "must be a non-negative integer (a decimal string in OTLP JSON)" },
);
const int64 = integer(/^-?\d{1,19}$/, "must be an integer (a decimal string in OTLP JSON)");
const nanos = integer(
  /^\d{1,20}$/,
  'must be nanoseconds since the Unix epoch as a decimal string, e.g. "1767225600000000000"',
).refine((v) => Number(v) >= 0, { message: "must be nanoseconds since the Unix epoch, not negative" });

const anyValue = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: int64.optional(),
  doubleValue: z.number().optional(),
});

const keyValue = z.object({
  key: z.string().min(1, { message: "must not be empty" }),
  value: anyValue.optional(),
});
export type OtlpKeyValue = z.infer<typeof keyValue>;
const attributes = z.array(keyValue).default([]);

const temporality = z
  .union(
    [
      z.literal(1),
      z.literal(2),
      z.literal("AGGREGATION_TEMPORALITY_DELTA"),
      z.literal("AGGREGATION_TEMPORALITY_CUMULATIVE"),
    ],
    {
      message: "must be 1 (AGGREGATION_TEMPORALITY_DELTA) or 2 (AGGREGATION_TEMPORALITY_CUMULATIVE)",
    },
  )
  .transform((t) =>
    t === 1 || t === "AGGREGATION_TEMPORALITY_DELTA" ? ("delta" as const) : ("cumulative" as const),
  );

const numberPoint = z
  .object({
    attributes,
    startTimeUnixNano: nanos.optional(),
    timeUnixNano: nanos,
    asInt: int64.optional(),
    asDouble: z.number({ message: "must be a finite number" }).optional(),
  })
  .refine((p) => (p.asInt === undefined) !== (p.asDouble === undefined), {
    message: "must have exactly one of asInt and asDouble",
    path: ["asInt"],
  });
export type OtlpNumberPoint = z.infer<typeof numberPoint>;

const histogramPoint = z
  .object({
    attributes,
    startTimeUnixNano: nanos.optional(),
    timeUnixNano: nanos,
    count: uint64,
    sum: z.number().optional(),
    bucketCounts: z.array(uint64).default([]),
    explicitBounds: z.array(z.number()).default([]),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((p, ctx) => {
    const want = p.explicitBounds.length + 1;
    if (p.bucketCounts.length !== 0 && p.bucketCounts.length !== want)
      ctx.addIssue({
        code: "custom",
        path: ["bucketCounts"],
        message: `must have explicitBounds.length + 1 = ${want} entries, has ${p.bucketCounts.length}`,
      });
    else if (p.bucketCounts.length > 0) {
      const total = p.bucketCounts.reduce<number>((s, n) => s + Number(n), 0);
      if (total !== Number(p.count))
        ctx.addIssue({
          code: "custom",
          path: ["count"],
          message: `must equal the sum of bucketCounts (${total}), is ${p.count}`,
        });
    }
    if (p.explicitBounds.some((b, i) => i > 0 && !(b > p.explicitBounds[i - 1]!)))
      ctx.addIssue({ code: "custom", path: ["explicitBounds"], message: "must be strictly increasing" });
  });
export type OtlpHistogramPoint = z.infer<typeof histogramPoint>;

const metric = z
  .object({
    name: z.string().min(1, { message: "must not be empty" }),
    unit: z.string().optional(),
    sum: z
      .object({
        dataPoints: z.array(numberPoint).default([]),
        aggregationTemporality: temporality,
        isMonotonic: z.boolean().optional(),
      })
      .optional(),
    gauge: z.object({ dataPoints: z.array(numberPoint).default([]) }).optional(),
    histogram: z
      .object({ dataPoints: z.array(histogramPoint).default([]), aggregationTemporality: temporality })
      .optional(),
    exponentialHistogram: z.unknown().optional(),
    summary: z.unknown().optional(),
  })
  .refine(
    (m) =>
      [m.sum, m.gauge, m.histogram, m.exponentialHistogram, m.summary].filter((x) => x !== undefined)
        .length === 1,
    {
      message: "must have exactly one of sum, gauge, histogram, exponentialHistogram, summary",
    },
  );
export type OtlpMetric = z.infer<typeof metric>;

const resourceMetrics = z.object({
  resource: z
    .object({ attributes })
    .superRefine((r, ctx) => {
      for (const [name, rule] of [
        [SERVICE_ATTRIBUTE, "the Meridian service name"],
        [REGION_ATTRIBUTE, "a Google Cloud region such as us-central1"],
      ] as const) {
        const value = attributeString(r.attributes, name);
        if (value === undefined)
          ctx.addIssue({ code: "custom", path: ["attributes"], message: `must include "${name}" (${rule})` });
        else if (name === REGION_ATTRIBUTE && !/^[a-z]+-[a-z]+[0-9]$/.test(value))
          ctx.addIssue({
            code: "custom",
            path: ["attributes"],
            message: `"${name}" must be ${rule}, is "${value}"`,
          });
      }
    })
    .prefault({}),
  scopeMetrics: z.array(z.object({ metrics: z.array(metric).default([]) })).default([]),
});

export const otlpMetricsRequest = z.object({ resourceMetrics: z.array(resourceMetrics).default([]) });
export type OtlpMetricsRequest = z.infer<typeof otlpMetricsRequest>;

/** OTLP's ExportMetricsServiceResponse. */
export interface OtlpMetricsResponse {
  partialSuccess?: { rejectedDataPoints: number; errorMessage: string };
}

/** An attribute's value as a string (strings, integers, doubles and booleans); undefined when absent. */
export function attributeString(list: OtlpKeyValue[], key: string): string | undefined {
  const v = list.find((a) => a.key === key)?.value;
  if (!v) return undefined;
  const value = v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue;
  return value === undefined || value === "" ? undefined : String(value);
}
