import "server-only";
import { metricsBackend } from "@/lib/env-schema";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import { embeddedMetricsSource } from "@/server/integrations/embedded-metrics/embedded-source";
import { cloudMonitoringSource } from "@/server/integrations/gcp-monitoring/cloud-monitoring-source";
import { coalescingSource } from "./coalescing-source";
import type { MetricsSource } from "./metrics-source";

const globalForMetrics = globalThis as unknown as { meridianMetrics?: MetricsSource };

/**
 * The configured MetricsSource, chosen once: Cloud Monitoring (production) or the embedded store.
 * Either way results are cached per (query, window) for the refresh interval and identical
 * concurrent requests are coalesced, so many viewers cost one upstream call per query.
 */
export function metricsSource(): MetricsSource {
  if (globalForMetrics.meridianMetrics) return globalForMetrics.meridianMetrics;
  const e = env();
  let inner: MetricsSource;
  if (metricsBackend(process.env) === "cloud-monitoring") {
    const [host, port] = e.CLOUD_MONITORING_ENDPOINT?.split(":") ?? [];
    inner = cloudMonitoringSource({
      projectId: e.GCP_PROJECT_ID!,
      ...(host && port ? { apiEndpoint: host, port: Number(port), insecure: true } : {}),
    });
  } else {
    inner = embeddedMetricsSource(getDb);
  }
  globalForMetrics.meridianMetrics = coalescingSource(inner, {
    ttlMs: e.MERIDIAN_DASHBOARD_CACHE_SECONDS * 1000,
  });
  return globalForMetrics.meridianMetrics;
}
