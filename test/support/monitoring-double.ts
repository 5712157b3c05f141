// A local Cloud Monitoring MetricService and AlertPolicyService on the protos shipped in
// @google-cloud/monitoring, for the real clients (plain-text gRPC, no auth). ListTimeSeries answers
// with whatever setSeries returns for the request, ListAlertPolicies with what setAlertPolicies
// returns, both paged by nextPageToken; every other method answers UNIMPLEMENTED.
import * as grpc from "@grpc/grpc-js";
import type { protos } from "@google-cloud/monitoring";
import { loadGoogleProtos } from "./google-protos";

export type ListTimeSeriesRequest = protos.google.monitoring.v3.IListTimeSeriesRequest;
export type TimeSeries = protos.google.monitoring.v3.ITimeSeries;
type SeriesFn = (request: ListTimeSeriesRequest) => TimeSeries[] | Promise<TimeSeries[]>;
export type ListAlertPoliciesRequest = protos.google.monitoring.v3.IListAlertPoliciesRequest;
export type AlertPolicy = protos.google.monitoring.v3.IAlertPolicy;
type PoliciesFn = (request: ListAlertPoliciesRequest) => AlertPolicy[];

export interface MonitoringDouble {
  port: number;
  /** Every ListTimeSeries request received (one per page), decoded as the client's own protos decode. */
  requests: ListTimeSeriesRequest[];
  /** The metadata of each request, in the same order. */
  metadata: grpc.Metadata[];
  /** What ListTimeSeries returns for a request (every page of it); default: no series. */
  setSeries(fn: SeriesFn): void;
  /** Every ListAlertPolicies request received (one per page). */
  alertRequests: ListAlertPoliciesRequest[];
  /** What ListAlertPolicies returns for a request (every page of it); default: none. */
  setAlertPolicies(fn: PoliciesFn): void;
  /** The next request (any page) fails with this status; calls queue up. */
  failNext(code: grpc.status, message: string): void;
  /** Delay before each answer, in ms. */
  delayMs: number;
  /** Series per page when the request sets no pageSize. */
  pageSize: number;
  close(): Promise<void>;
}

let serviceDefinitions: { metric: grpc.ServiceDefinition; alert: grpc.ServiceDefinition } | undefined;

function services() {
  if (serviceDefinitions) return serviceDefinitions;
  const loaded = loadGoogleProtos("@google-cloud/monitoring", [
    "google/monitoring/v3/metric_service.proto",
    "google/monitoring/v3/alert_service.proto",
  ]) as unknown as {
    google: {
      monitoring: {
        v3: {
          MetricService: grpc.ServiceClientConstructor;
          AlertPolicyService: grpc.ServiceClientConstructor;
        };
      };
    };
  };
  const v3 = loaded.google.monitoring.v3;
  serviceDefinitions = { metric: v3.MetricService.service, alert: v3.AlertPolicyService.service };
  return serviceDefinitions;
}

/** Listens on 127.0.0.1:`port` (default: a free port). */
export async function startMonitoringDouble({ port = 0 }: { port?: number } = {}): Promise<MonitoringDouble> {
  const server = new grpc.Server();
  let seriesFn: SeriesFn = () => [];
  let policiesFn: PoliciesFn = () => [];
  const failures: { code: grpc.status; message: string }[] = [];
  /** Results of requests still being paged, by the id in their page tokens. */
  const results = new Map<string, TimeSeries[]>();
  let nextId = 1;

  const double: MonitoringDouble = {
    port: 0,
    requests: [],
    metadata: [],
    setSeries(fn) {
      seriesFn = fn;
    },
    alertRequests: [],
    setAlertPolicies(fn) {
      policiesFn = fn;
    },
    failNext(code, message) {
      failures.push({ code, message });
    },
    delayMs: 0,
    pageSize: 100,
    close: async () => {
      server.forceShutdown();
    },
  };

  async function listTimeSeries(request: ListTimeSeriesRequest) {
    if (double.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, double.delayMs));
    const failure = failures.shift();
    if (failure)
      throw Object.assign(new Error(failure.message), { code: failure.code, details: failure.message });

    let id: string;
    let offset = 0;
    if (request.pageToken) {
      const [tokenId = "", tokenOffset = ""] = request.pageToken.split(":");
      if (!results.has(tokenId))
        throw Object.assign(new Error("bad page token"), { code: grpc.status.INVALID_ARGUMENT });
      id = tokenId;
      offset = Number(tokenOffset);
    } else {
      id = String(nextId++);
      results.set(id, await seriesFn(request));
    }
    const all = results.get(id) ?? [];
    const size = request.pageSize && request.pageSize > 0 ? request.pageSize : double.pageSize;
    const end = offset + size;
    if (end >= all.length) results.delete(id);
    return {
      timeSeries: all.slice(offset, end),
      nextPageToken: end < all.length ? `${id}:${end}` : "",
      executionErrors: [],
      unit: "",
    };
  }

  const handler: grpc.handleUnaryCall<ListTimeSeriesRequest, unknown> = (call, callback) => {
    double.requests.push(call.request);
    double.metadata.push(call.metadata);
    listTimeSeries(call.request).then(
      (response) => callback(null, response),
      (error: Error & { code?: grpc.status; details?: string }) =>
        callback({ code: error.code ?? grpc.status.INTERNAL, details: error.details ?? error.message }),
    );
  };
  server.addService(services().metric, { listTimeSeries: handler });

  const listAlertPolicies: grpc.handleUnaryCall<ListAlertPoliciesRequest, unknown> = (call, callback) => {
    const request = call.request;
    double.alertRequests.push(request);
    const failure = failures.shift();
    if (failure) return callback({ code: failure.code, details: failure.message });
    // Page tokens are offsets into the (deterministic) answer for the same request. A function that
    // throws { code, message } makes the call fail with that status.
    let all: AlertPolicy[];
    try {
      all = policiesFn(request);
    } catch (error) {
      const { code, message } = error as { code?: grpc.status; message?: string };
      return callback({ code: code ?? grpc.status.INTERNAL, details: message ?? String(error) });
    }
    const offset = request.pageToken ? Number(request.pageToken) : 0;
    const size = request.pageSize && request.pageSize > 0 ? request.pageSize : double.pageSize;
    const end = offset + size;
    callback(null, {
      alertPolicies: all.slice(offset, end),
      nextPageToken: end < all.length ? String(end) : "",
      totalSize: all.length,
    });
  };
  server.addService(services().alert, { listAlertPolicies });

  double.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  return double;
}

export interface SeriesSpec {
  metricType: string;
  metricLabels?: Record<string, string>;
  resourceType: string;
  resourceLabels?: Record<string, string>;
  /** [epoch ms of the point's end, value], any order; sent newest first as Cloud Monitoring does. */
  points: [number, number][];
  valueType?: "DOUBLE" | "INT64";
  /** TimeSeries.unit (UCUM, e.g. "us"); Cloud Monitoring fills it from the metric's descriptor. Default: none. */
  unit?: string;
}

/** A GAUGE TimeSeries as Cloud Monitoring returns aligned data: points newest first, stamped by endTime. */
export function timeSeries(spec: SeriesSpec): TimeSeries {
  const valueType = spec.valueType ?? "DOUBLE";
  return {
    metric: { type: spec.metricType, labels: spec.metricLabels ?? {} },
    resource: { type: spec.resourceType, labels: spec.resourceLabels ?? {} },
    metricKind: "GAUGE",
    valueType,
    unit: spec.unit ?? "",
    points: [...spec.points]
      .sort(([a], [b]) => b - a)
      .map(([ms, value]) => ({
        interval: {
          startTime: { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 },
          endTime: { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 },
        },
        value: valueType === "INT64" ? { int64Value: String(Math.round(value)) } : { doubleValue: value },
      })),
  };
}
