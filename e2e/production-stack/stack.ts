import { generateKeyPairSync } from "node:crypto";
import path from "node:path";

// The production stack of the e2e suite: two portal processes in production mode (the standalone server)
// sharing one fresh PostgreSQL database, every integration pointed at a local stand-in speaking
// the real wire protocol, all started by start.ts. This file is the one description of it that
// playwright.config.ts, the launcher and the specs share.
//
// Ports: E2E_STACK_BASE_PORT (default 3140) and the nine after it. Database: E2E_STACK_DATABASE
// (default meridian_e2e_stack), owned by a role of the same name plus `_owner`.

const base = Number(process.env.E2E_STACK_BASE_PORT ?? 3140);

export const stack = {
  ports: {
    /** The launcher's control API (readiness, IAP signing, the doubles' state). */
    control: base,
    github: base + 1,
    monitoring: base + 2,
    pubsub: base + 3,
    bigquery: base + 4,
    iapKeys: base + 5,
    /** A local HTTP service that records the CloudEvents pushed to it (a replay target). */
    target: base + 6,
    portalA: base + 7,
    portalB: base + 8,
    /** The metadata server's double: Google ID tokens for the pushes to the target. */
    metadata: base + 9,
  },
  adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  database: process.env.E2E_STACK_DATABASE ?? "meridian_e2e_stack",
  audience: "/projects/424242424242/global/backendServices/4242",
  projectId: "meridian-e2e-stack",
  broker: "broker",
  recorder: "e2e-recorder",
  regions: ["us-central1", "us-east4", "europe-west1", "asia-northeast1"],
  github: { owner: "acme", repo: "infra", appId: 424242, installationId: 4242001 },
  /** Where every process's stdout and stderr is written (emptied by each launch). */
  logDir: path.resolve(process.env.E2E_STACK_LOG_DIR ?? "e2e-output/production-stack"),
};

export const portalA = `http://127.0.0.1:${stack.ports.portalA}`;
export const portalB = `http://127.0.0.1:${stack.ports.portalB}`;
export const control = `http://127.0.0.1:${stack.ports.control}`;

/** The recorder's dataset and the table of the type the replay journey replays. */
export const archive = {
  datasetId: `cloudevents_${stack.recorder.replaceAll("-", "_")}`,
  type: "dev.meridian.checkout.order.placed",
  tableId: "dev_meridian_checkout_order_placed",
  /** Rows of this batch are what the replay journey selects (a payload filter, `$.batch=`). */
  batch: "replay-e2e",
  batchSize: 3,
};

export interface StackSecrets {
  githubAppPrivateKey: string;
  githubWebhookSecret: string;
  databasePassword: string;
}

/**
 * The canary secrets: a GitHub App private key generated once per run (kept in this process's
 * environment, so Playwright's workers and the launcher, which inherit it, see the same key), the
 * webhook secret and the database password. None of them may ever appear in a log (logs.spec.ts).
 */
export function stackSecrets(): StackSecrets {
  process.env.E2E_STACK_GITHUB_APP_KEY ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return {
    githubAppPrivateKey: process.env.E2E_STACK_GITHUB_APP_KEY,
    githubWebhookSecret: "canary-webhook-8d1f3b7e62c94a05",
    databasePassword: "canary-dbpass-5e7a91c04f2d",
  };
}

export const databaseRole = () => `${stack.database}_owner`;

/** The portals' DATABASE_URL: the stack's database as its owner role, with the canary password. */
export function databaseUrl(): string {
  const url = new URL(stack.adminUrl);
  url.username = databaseRole();
  url.password = stackSecrets().databasePassword;
  url.pathname = `/${stack.database}`;
  return url.toString();
}
