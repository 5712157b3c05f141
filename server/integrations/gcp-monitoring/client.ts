import "server-only";
import { AlertPolicyServiceClient, MetricServiceClient } from "@google-cloud/monitoring";
import { googleAuthLibrary, grpc } from "google-gax";

export interface CloudMonitoringConfig {
  /** The project whose metrics are read (the metrics scope), e.g. "acme-prod". */
  projectId: string;
  /** Defaults to monitoring.googleapis.com; a host name or IP without the port. */
  apiEndpoint?: string;
  /** Defaults to 443. */
  port?: number;
  /**
   * Plain-text gRPC without credentials: only for a local double. No Application Default
   * Credentials lookup happens (the auth client is an empty OAuth2Client that is never asked).
   */
  insecure?: boolean;
}

/** The options both vendor clients take for one configuration. */
function clientOptions(config: CloudMonitoringConfig) {
  return {
    projectId: config.projectId,
    ...(config.apiEndpoint !== undefined && { apiEndpoint: config.apiEndpoint }),
    ...(config.port !== undefined && { port: config.port }),
    ...(config.insecure && {
      // The grpc module and auth library google-gax itself uses, so the credentials are its own kind.
      sslCreds: grpc.credentials.createInsecure(),
      authClient: new googleAuthLibrary.OAuth2Client(),
    }),
  };
}

/** The vendor client for one configuration; the caller owns it and closes it with `close()`. */
export function createMetricServiceClient(config: CloudMonitoringConfig): MetricServiceClient {
  return new MetricServiceClient(clientOptions(config));
}

/** The alert-policy client for one configuration; the caller closes it with `close()`. */
export function createAlertPolicyClient(config: CloudMonitoringConfig): AlertPolicyServiceClient {
  return new AlertPolicyServiceClient(clientOptions(config));
}
