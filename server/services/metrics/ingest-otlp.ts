import "server-only";
import { gunzipSync } from "node:zlib";
import { AppError, type FieldIssue } from "@/lib/errors";
import { otlpMetricsRequest, type OtlpMetricsResponse } from "@/lib/otlp";
import type { Db } from "@/server/db/client";
import { rebucket } from "@/server/integrations/embedded-metrics/histogram";
import { writeSamples, type MetricSample } from "@/server/integrations/embedded-metrics/write-samples";
import { cumulativeToDelta, type DeltaPoint } from "./cumulative-to-delta";
import { mapOtlpRequest } from "./map-otlp";

// POST /api/otlp/v1/metrics: OTLP/HTTP JSON into the embedded store. Everything is checked
// first (shape, services, names, units, labels, times); a bad payload is a 400 naming every
// problem and stores nothing. A good one is written in one transaction.

const MAX_BYTES = 16 * 1024 * 1024;
const MAX_ISSUES = 20;

export interface OtlpBody {
  contentType: string | null;
  contentEncoding: string | null;
  bytes: Uint8Array;
}

export async function ingestOtlpMetrics(
  db: Db,
  body: OtlpBody,
  now = Date.now(),
): Promise<OtlpMetricsResponse> {
  const parsed = otlpMetricsRequest.safeParse(decode(body));
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((i) => ({ field: ["body", ...i.path.map(String)].join("."), rule: i.message })),
    );
  const mapped = mapOtlpRequest(parsed.data, now);
  const names = [...mapped.services.keys()];
  const known = new Set(
    (await db.service.findMany({ where: { name: { in: names } }, select: { name: true } })).map(
      (s) => s.name,
    ),
  );
  const unknown = names
    .filter((n) => !known.has(n))
    .map((n) => ({
      field: mapped.services.get(n)!,
      rule: `"service.name" must be a service in the catalog; "${n}" is not`,
    }));
  const issues = [...unknown, ...mapped.issues];
  if (issues.length) throw invalid(issues);

  if (mapped.points.length)
    await db.$transaction(async (tx) => {
      const deltas = await cumulativeToDelta(tx, mapped.points);
      await writeSamples(tx, deltas.flatMap(toSamples), { mode: "add" });
    });
  const { names: ignored, points } = mapped.ignored;
  if (ignored.size === 0) return {};
  const listed = [...ignored].slice(0, 10).join(", ");
  return {
    partialSuccess: {
      rejectedDataPoints: points,
      errorMessage: `ignored metrics Meridian does not store: ${listed}${ignored.size > 10 ? ", …" : ""}`,
    },
  };
}

function invalid(issues: FieldIssue[]): AppError {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : "";
  return new AppError(
    "bad_request",
    `Invalid OTLP metrics: ${shown.map((i) => `${i.field} ${i.rule}`).join("; ")}${more}`,
    shown,
  );
}

function decode(body: OtlpBody): unknown {
  const type = body.contentType ?? "";
  if (!type.includes("application/json"))
    throw invalid([
      {
        field: "body",
        rule: "must be OTLP/HTTP JSON (Content-Type: application/json); protobuf is not supported",
      },
    ]);
  let bytes = body.bytes;
  const encoding = (body.contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "gzip") {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_BYTES });
    } catch {
      throw invalid([{ field: "body", rule: `must be valid gzip of at most ${MAX_BYTES} bytes` }]);
    }
  } else if (encoding && encoding !== "identity")
    throw invalid([{ field: "body", rule: `Content-Encoding must be gzip or identity, is "${encoding}"` }]);
  if (bytes.byteLength > MAX_BYTES)
    throw invalid([{ field: "body", rule: `must be at most ${MAX_BYTES} bytes` }]);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalid([{ field: "body", rule: "must be valid JSON" }]);
  }
}

/** Step start of a point stamped at the end of its interval: the minute that interval ends in. */
const minuteOf = (endMs: number) => Math.floor((endMs - 1) / 60_000) * 60_000;

function toSamples(point: DeltaPoint): MetricSample[] {
  const start = minuteOf(point.endMs);
  return point.targets.map((target): MetricSample => {
    const h = point.histogram;
    if (target.use === "value") return { series: target.series, start, value: point.value ?? 0 };
    if (target.use === "count") return { series: target.series, start, value: h?.count ?? 0 };
    const f = target.factor;
    const scale = (v: number | undefined) => (v === undefined ? undefined : v * f);
    return {
      series: target.series,
      start,
      distribution: {
        count: h?.count ?? 0,
        sum: (h?.sum ?? 0) * f,
        max: scale(h?.max),
        buckets:
          h && h.counts.length
            ? rebucket(
                h.bounds.map((b) => b * f),
                h.counts,
                scale(h.min),
                scale(h.max),
              )
            : { offset: 0, counts: [] },
      },
    };
  });
}
