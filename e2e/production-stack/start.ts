// The production stack's launcher (see stack.ts): `npx tsx e2e/production-stack/start.ts`.
//
// In this one process, on the fixed ports of stack.ts: the IAP key set, the GitHub REST double
// (GitHub App flow), the Cloud Monitoring gRPC double seeded with checkout-api's series, the
// BigQuery REST double seeded with recorded events, Google's Pub/Sub emulator (a child process;
// the gRPC double when the emulator is not installed) with the broker's topics and an observer
// subscription per region, the metadata server's double (Google ID tokens) and a private target
// service that checks them and records the CloudEvents pushed to it (test/support). Then a
// fresh PostgreSQL database and TWO portals in production mode (the standalone server the container runs) on it, as two Cloud
// Run replicas. Once both answer /api/health it serves the control API (so its readiness URL is
// Playwright's webServer url) and stays up until SIGTERM or SIGINT.
//
// Every process's stdout and stderr (the launcher's own, the portals', the emulator's) is written
// to a file in stack.logDir. Secrets travel only in child environments and are never printed.
import { spawn, type ChildProcess } from "node:child_process";
import { createPublicKey } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { PubSub, type Message, type Subscription } from "@google-cloud/pubsub";
import pg from "pg";
import { startBigQueryDouble } from "../../test/support/bigquery-double";
import { startGitHubDouble } from "../../test/support/github-double";
import { startIapKeyServer } from "../../test/support/iap-keys";
import {
  startMonitoringDouble,
  timeSeries,
  type ListTimeSeriesRequest,
  type TimeSeries,
} from "../../test/support/monitoring-double";
import { startCloudEventTarget } from "../../test/support/cloudevent-target";
import { startMetadataDouble } from "../../test/support/metadata-double";
import { startPubSubDouble } from "../../test/support/pubsub-double";
import { seededMetrics } from "./seed";
import { archive, databaseRole, databaseUrl, stack, stackSecrets } from "./stack";

process.env.METADATA_SERVER_DETECTION = "none";
const EMULATOR = "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";
const root = path.resolve(import.meta.dirname, "../..");

// ---- logs: the launcher's own output goes to its files as well as to Playwright ----

fs.rmSync(stack.logDir, { recursive: true, force: true });
fs.mkdirSync(stack.logDir, { recursive: true });
const logFile = (name: string) => fs.createWriteStream(path.join(stack.logDir, name), { flags: "a" });
for (const [stream, name] of [
  [process.stdout, "launcher.stdout.log"],
  [process.stderr, "launcher.stderr.log"],
] as const) {
  const file = logFile(name);
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    file.write(chunk as string);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
const log = (message: string) => console.log(`[stack] ${message}`);

const children: ChildProcess[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];

function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(logFile(`${name}.stdout.log`));
  child.stderr!.pipe(logFile(`${name}.stderr.log`));
  child.once("exit", (code, signal) => {
    log(`${name} exited (${signal ?? code})`);
    if (!stopping) void stop(1);
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill("SIGTERM");
  // The portals hand their work back and exit (graceful-shutdown.ts); give them Cloud Run's 10 s.
  await Promise.race([
    Promise.all(running.map((child) => new Promise((resolve) => child.once("exit", resolve)))),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
  await Promise.allSettled(cleanups.map((c) => c()));
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

async function waitFor(what: string, ready: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (stopping) throw new Error(`stopped while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---- the database: fresh, owned by a role with a (canary) password ----

async function freshDatabase() {
  const client = new pg.Client({ connectionString: stack.adminUrl });
  await client.connect();
  const role = databaseRole();
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quote(stack.database)} WITH (FORCE)`);
    await client.query(`DROP ROLE IF EXISTS ${quote(role)}`);
    const password = stackSecrets().databasePassword.replaceAll("'", "''");
    await client.query(`CREATE ROLE ${quote(role)} LOGIN PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${quote(stack.database)} OWNER ${quote(role)}`);
  } finally {
    await client.end();
  }
  log(`database ${stack.database} created, owned by ${role}`);
}

// ---- Pub/Sub: the emulator (or the gRPC double), topics and observer subscriptions ----

interface ObservedMessage {
  region: string;
  messageId: string;
  attributes: Record<string, string>;
  data: string;
}

async function startPubSub(): Promise<{ endpoint: string; kind: string }> {
  const endpoint = `127.0.0.1:${stack.ports.pubsub}`;
  if (!fs.existsSync(EMULATOR) || process.env.E2E_STACK_PUBSUB === "double") {
    const double = await startPubSubDouble({ port: stack.ports.pubsub });
    cleanups.push(() => double.close());
    return { endpoint, kind: "gRPC double (test/support/pubsub-double.ts)" };
  }
  const emulator = startChild(
    "pubsub-emulator",
    EMULATOR,
    ["--host=127.0.0.1", `--port=${stack.ports.pubsub}`],
    process.env,
  );
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  emulator.stdout!.on("data", collect);
  emulator.stderr!.on("data", collect);
  await waitFor("the Pub/Sub emulator", async () => output.includes(`listening on ${stack.ports.pubsub}`));
  emulator.stdout!.off("data", collect);
  emulator.stderr!.off("data", collect);
  return { endpoint, kind: "Google's Pub/Sub emulator" };
}

async function brokerTopics(endpoint: string, observed: ObservedMessage[]) {
  const admin = new PubSub({ projectId: stack.projectId, apiEndpoint: endpoint });
  const subscriptions: Subscription[] = [];
  for (const region of stack.regions) {
    const [topic] = await admin.createTopic(`${stack.broker}-${region}`);
    const [subscription] = await topic.createSubscription(`e2e-observer-${region}`);
    subscription.on("message", (message: Message) => {
      observed.push({
        region,
        messageId: message.id,
        attributes: { ...message.attributes },
        data: message.data.toString("utf8"),
      });
      message.ack();
    });
    subscription.on("error", (error) => log(`observer ${region}: ${String(error)}`));
    subscriptions.push(subscription);
  }
  cleanups.push(async () => {
    await Promise.allSettled(subscriptions.map((s) => s.close()));
    await admin.close();
  });
}

// ---- the portals ----

function portalEnv(
  port: number,
  doubles: { pubsub: string; github: string; bigquery: string },
): NodeJS.ProcessEnv {
  const secrets = stackSecrets();
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(port),
    MERIDIAN_MODE: "production",
    MERIDIAN_PORTAL_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl(),
    // The demo fleet's catalog (teams, people, services); the demo generators stay off in production.
    MERIDIAN_SEED_DEMO: "true",
    IAP_AUDIENCE: stack.audience,
    IAP_JWKS_URL: `http://127.0.0.1:${stack.ports.iapKeys}/jwk`,
    GCP_PROJECT_ID: stack.projectId,
    // The metadata server hands out the ID tokens a replay to one trigger pushes with, to the
    // target service standing in for every Cloud Run service.
    GCE_METADATA_HOST: `127.0.0.1:${stack.ports.metadata}`,
    // (The launcher's own clients are told there is none; the portals find it by asking.)
    METADATA_SERVER_DETECTION: "ping-only",
    MERIDIAN_SERVICE_URL_TEMPLATE: `http://127.0.0.1:${stack.ports.target}/{region}/{service}`,
    MERIDIAN_METRICS: "cloud-monitoring",
    CLOUD_MONITORING_ENDPOINT: `127.0.0.1:${stack.ports.monitoring}`,
    MERIDIAN_EVENT_BUS: "pubsub",
    MERIDIAN_BROKER: stack.broker,
    PUBSUB_EMULATOR_HOST: doubles.pubsub,
    MERIDIAN_ARCHIVE: "bigquery",
    MERIDIAN_RECORDER: stack.recorder,
    BIGQUERY_ENDPOINT: doubles.bigquery,
    MERIDIAN_GIT: "github",
    GITHUB_API_URL: doubles.github,
    GITHUB_REPOSITORY: `${stack.github.owner}/${stack.github.repo}`,
    GITHUB_APP_ID: String(stack.github.appId),
    GITHUB_APP_PRIVATE_KEY: secrets.githubAppPrivateKey,
    GITHUB_APP_INSTALLATION_ID: String(stack.github.installationId),
    GITHUB_WEBHOOK_SECRET: secrets.githubWebhookSecret,
    GITHUB_TOKEN: "",
    // The launcher's own variables are not the portal's business.
    E2E_STACK_GITHUB_APP_KEY: "",
  };
}

async function healthy(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  return response.ok;
}

// ---- main ----

async function main() {
  const started = Date.now();
  const secrets = stackSecrets();
  const observed: ObservedMessage[] = [];

  const metadata = await startMetadataDouble({ port: stack.ports.metadata });
  const [iap, github, monitoring, bigquery, pubsub, , target] = await Promise.all([
    startIapKeyServer({ audience: stack.audience, port: stack.ports.iapKeys }),
    startGitHubDouble({
      owner: stack.github.owner,
      repo: stack.github.repo,
      files: { "README.md": "# infra\n" },
      app: {
        appId: stack.github.appId,
        publicKey: createPublicKey(secrets.githubAppPrivateKey),
        installationId: stack.github.installationId,
      },
      port: stack.ports.github,
    }),
    startMonitoringDouble({ port: stack.ports.monitoring }),
    startBigQueryDouble({ port: stack.ports.bigquery }),
    startPubSub(),
    freshDatabase(),
    startCloudEventTarget(metadata.jwksUrl, stack.ports.target),
  ]);
  cleanups.push(
    () => metadata.close(),
    () => target.close(),
    () => iap.close(),
    () => github.close(),
    () => monitoring.close(),
    () => bigquery.close(),
  );
  monitoring.setSeries((request: ListTimeSeriesRequest): TimeSeries[] =>
    seededMetrics(request).map((spec) => timeSeries(spec)),
  );
  const now = Date.now();
  bigquery.addTable(
    {
      projectId: stack.projectId,
      datasetId: archive.datasetId,
      tableId: archive.tableId,
      partitionField: "placed_at",
      schema: [
        { name: "id", type: "STRING", mode: "NULLABLE" },
        { name: "order_id", type: "STRING", mode: "NULLABLE" },
        { name: "batch", type: "STRING", mode: "NULLABLE" },
        { name: "placed_at", type: "TIMESTAMP", mode: "NULLABLE" },
      ],
    },
    [
      ...Array.from({ length: archive.batchSize }, (_, i) => ({
        id: `recorded-${i + 1}`,
        order_id: `order-${1001 + i}`,
        batch: archive.batch,
        placed_at: new Date(now - (30 - i * 5) * 60_000).toISOString(),
      })),
      // Recorded too, but not selected by the journey's payload filter.
      ...[1, 2].map((i) => ({
        id: `other-${i}`,
        order_id: `order-9${i}`,
        batch: "another-batch",
        placed_at: new Date(now - (25 - i) * 60_000).toISOString(),
      })),
    ].map((data) => ({ data })),
  );
  await brokerTopics(pubsub.endpoint, observed);
  log(`doubles up in ${Date.now() - started} ms; Pub/Sub: ${pubsub.kind}`);

  const doubles = { pubsub: pubsub.endpoint, github: github.url, bigquery: bigquery.url };
  // The portals run what the container runs (Dockerfile): the standalone server, with the static
  // assets it does not copy itself beside it.
  const standalone = path.join(root, ".next/standalone");
  if (!fs.existsSync(path.join(standalone, "server.js")))
    throw new Error("no standalone build in .next/standalone: run `npm run build:standalone` first");
  fs.cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
  for (const [name, port] of [
    ["portal-a", stack.ports.portalA],
    ["portal-b", stack.ports.portalB],
  ] as const)
    startChild(name, process.execPath, [path.join(standalone, "server.js")], {
      ...portalEnv(port, doubles),
      HOSTNAME: "127.0.0.1",
      NEXT_MANUAL_SIG_HANDLE: "true",
    });
  await Promise.all(
    [stack.ports.portalA, stack.ports.portalB].map((port) =>
      waitFor(`the portal on ${port}`, () => healthy(port), 100_000),
    ),
  );
  log(`portals up in ${Date.now() - started} ms`);

  // ---- the control API (the specs read the doubles' own state through it) ----
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const route = `${req.method} ${url.pathname}`;
      if (route === "GET /ready") return json(res, 200, { ready: true, pubsub: pubsub.kind });
      if (route === "POST /iap/sign") {
        const claims = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        return json(res, 200, { token: await iap.sign(claims) });
      }
      if (route === "GET /github/pulls") {
        return json(res, 200, {
          pulls: github.pulls().map((p) => ({
            ...p,
            files: url.searchParams.has("files") ? fileList(github, p.head) : undefined,
          })),
          branches: github.branches(),
          issuedInstallationTokens: github.issuedTokens.length,
          installationTokenRequests: github.calls("POST", /\/app\/installations\/\d+\/access_tokens$/).length,
          errors: github.errors.map(String),
        });
      }
      if (route === "GET /github/file") {
        const content = github.fileAt(url.searchParams.get("ref") ?? "", url.searchParams.get("path") ?? "");
        return json(res, content === null ? 404 : 200, { content });
      }
      if (route === "GET /monitoring/requests") {
        return json(res, 200, { filters: monitoring.requests.map((r) => r.filter ?? "") });
      }
      if (route === "GET /bigquery/queries") {
        return json(res, 200, {
          queries: bigquery.allQueries().map((q) => ({ via: q.via, dryRun: q.dryRun, sql: q.sql })),
        });
      }
      if (route === "GET /pubsub/observed") return json(res, 200, { messages: observed });
      if (route === "GET /target/received")
        return json(res, 200, {
          events: target.received.map((r) => ({
            region: r.region,
            service: r.service,
            caller: r.caller,
            event: r.event.toJSON(),
          })),
          refused: target.refused,
          caller: metadata.email,
        });
      json(res, 404, { error: `no ${route}` });
    } catch (error) {
      json(res, 500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(stack.ports.control, "127.0.0.1", resolve);
  });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  log(`ready on http://127.0.0.1:${stack.ports.control} in ${Date.now() - started} ms`);
}

function fileList(github: Awaited<ReturnType<typeof startGitHubDouble>>, branch: string): string[] {
  const sha = github.model.refs.get(branch);
  return sha ? [...github.model.treeOfCommit(sha).keys()] : [];
}

main().catch((error: unknown) => {
  console.error(`[stack] failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  void stop(1);
});
