import "server-only";
import { PubSub } from "@google-cloud/pubsub";

export interface PubSubConfig {
  /** The project holding the broker topics, e.g. "acme-prod". */
  projectId: string;
  /**
   * "host:port" of the Pub/Sub API. Unset: `PUBSUB_EMULATOR_HOST` if set, else
   * pubsub.googleapis.com with Application Default Credentials. A host that is not
   * `*.googleapis.com` (an emulator or a local double) is spoken to in plain text without
   * credentials, as the client library does for `PUBSUB_EMULATOR_HOST`; a regional endpoint such as
   * "us-central1-pubsub.googleapis.com:443" keeps TLS and credentials.
   */
  apiEndpoint?: string;
}

/** The vendor client for one bus; the caller owns it and closes it with `close()`. */
export function createPubSubClient(config: PubSubConfig): PubSub {
  return new PubSub({
    projectId: config.projectId,
    ...(config.apiEndpoint !== undefined && { apiEndpoint: config.apiEndpoint }),
  });
}
