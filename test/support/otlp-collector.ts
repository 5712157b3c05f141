import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

// A stand-in for the platform's OpenTelemetry collector: OTLP/HTTP on /v1/traces and /v1/metrics.
// It decodes the JSON encoding (what the portal's exporters send; gzip too) and answers 415 to
// protobuf, which would then show up in `requests` as not understood.

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value: AnyValue };
export type Attributes = Record<string, string | number | boolean | unknown[] | undefined>;

export interface ReceivedRequest {
  path: string;
  contentType: string;
  understood: boolean;
}

export interface CollectedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Attributes;
  status: { code?: number; message?: string };
  events: { name: string; attributes: Attributes }[];
  resource: Attributes;
}

export interface CollectedPoint {
  metric: string;
  unit?: string;
  kind: "histogram" | "sum" | "gauge";
  attributes: Attributes;
  /** Histogram count, or a sum's or gauge's value. */
  value: number;
  bounds?: number[];
  resource: Attributes;
}

const value = (v: AnyValue | undefined): Attributes[string] => {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  return undefined;
};
export const attributes = (list: KeyValue[] | undefined): Attributes =>
  Object.fromEntries((list ?? []).map((kv) => [kv.key, value(kv.value)]));

/* eslint-disable @typescript-eslint/no-explicit-any -- the OTLP JSON is walked as it comes */
function spansOf(body: any): CollectedSpan[] {
  return (body.resourceSpans ?? []).flatMap((rs: any) =>
    (rs.scopeSpans ?? []).flatMap((ss: any) =>
      (ss.spans ?? []).map((s: any) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId || undefined,
        attributes: attributes(s.attributes),
        status: s.status ?? {},
        events: (s.events ?? []).map((e: any) => ({ name: e.name, attributes: attributes(e.attributes) })),
        resource: attributes(rs.resource?.attributes),
      })),
    ),
  );
}

function pointsOf(body: any): CollectedPoint[] {
  return (body.resourceMetrics ?? []).flatMap((rm: any) =>
    (rm.scopeMetrics ?? []).flatMap((sm: any) =>
      (sm.metrics ?? []).flatMap((m: any) => {
        const kind = m.histogram ? "histogram" : m.sum ? "sum" : "gauge";
        const data = m.histogram ?? m.sum ?? m.gauge;
        return (data?.dataPoints ?? []).map((p: any) => ({
          metric: m.name,
          unit: m.unit,
          kind,
          attributes: attributes(p.attributes),
          value: Number(kind === "histogram" ? p.count : (p.asInt ?? p.asDouble)),
          bounds: p.explicitBounds,
          resource: attributes(rm.resource?.attributes),
        }));
      }),
    ),
  );
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface OtlpCollector {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  requests: ReceivedRequest[];
  spans: CollectedSpan[];
  points: CollectedPoint[];
  close(): Promise<void>;
}

export async function startOtlpCollector(): Promise<OtlpCollector> {
  const collector: Omit<OtlpCollector, "url" | "close"> = { requests: [], spans: [], points: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      const contentType = req.headers["content-type"] ?? "";
      const known = req.method === "POST" && (path === "/v1/traces" || path === "/v1/metrics");
      const json = contentType.startsWith("application/json");
      collector.requests.push({ path, contentType, understood: known && json });
      if (!known) return void res.writeHead(404).end();
      if (!json) return void res.writeHead(415).end();
      let raw = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      const body = JSON.parse(raw.toString("utf8"));
      if (path === "/v1/traces") collector.spans.push(...spansOf(body));
      else collector.points.push(...pointsOf(body));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(collector, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
