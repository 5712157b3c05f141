import "server-only";
import { env } from "@/server/env";

/**
 * A service's regional Cloud Run URL: MERIDIAN_SERVICE_URL_TEMPLATE with {service} and {region}
 * filled in, else Cloud Run's deterministic URL `https://<service>-<project number>.<region>.run.app`
 * when GCP_PROJECT_NUMBER is set; null when neither is configured.
 */
export function serviceUrl(service: string, region: string): string | null {
  const e = env();
  const template =
    e.MERIDIAN_SERVICE_URL_TEMPLATE ??
    (e.GCP_PROJECT_NUMBER ? `https://{service}-${e.GCP_PROJECT_NUMBER}.{region}.run.app` : null);
  if (!template) return null;
  return template
    .replaceAll("{service}", encodeURIComponent(service))
    .replaceAll("{region}", encodeURIComponent(region));
}
