// Opens, migrates and seeds the database when the server starts, so the first request does not
// pay for it and a broken database fails the start-up loudly. Then it opens the repository new
// services are proposed to (creating the embedded one), starts this process's scaffold-run worker
// (and, with GitHub, the pull-request poll) and replay worker, the embedded event broker's workers
// when the bus is embedded, in the embedded mode the demo traffic generator for the demo fleet (its
// backfill is written before the first request) and its demo events, and the alert worker that
// evaluates the portal's alert policies of every deployed service (claimed across processes).
// On SIGTERM every worker stops and hands its work back before the process exits (graceful-shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await (await import("@/server/integrations/telemetry/telemetry")).startTelemetry();
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  // The embedded repository (with its platform skeleton) exists from the first start on.
  const { repository } = await import("@/server/services/scaffold/repository");
  await repository(db);
  const { installGracefulShutdown } = await import("@/server/services/lifecycle/graceful-shutdown");
  const parts: import("@/server/services/lifecycle/graceful-shutdown").Stoppable[] = [];
  const { startRunWorker } = await import("@/server/services/scaffold-runs/run-worker");
  const runs = startRunWorker(db);
  parts.push({ name: "scaffold-run worker", stop: () => runs.stop() });
  const { startReplayWorker } = await import("@/server/services/replays/replay-worker");
  const replays = startReplayWorker(db);
  parts.push({ name: "replay worker", stop: () => replays.stop() });
  const { env } = await import("@/server/env");
  if (env().MERIDIAN_GIT === "github") {
    const { startPullRequestPoll } = await import("@/server/services/pull-requests/poll-pull-requests");
    startPullRequestPoll(db);
  }
  const { eventBusBackend } = await import("@/lib/env-schema");
  if (eventBusBackend(process.env) === "embedded") {
    // The embedded broker's dispatcher and push deliveries (Pub/Sub does this work in production).
    const { listenDb } = await import("@/server/db/client");
    const { startEventWorkers } = await import("@/server/services/events/event-workers");
    const events = await startEventWorkers(db, listenDb);
    parts.push({ name: "event workers", stop: () => events.stop() });
    const { startDemoEvents } = await import("@/server/services/events/demo-events");
    startDemoEvents(db);
  }
  const { startDemoTraffic, stopDemoTraffic } = await import("@/server/services/metrics/demo-traffic");
  await startDemoTraffic(db);
  parts.push({ name: "demo traffic", stop: stopDemoTraffic });
  // After the demo backfill, so the first evaluation has the last hours to read.
  const { startAlertWorker } = await import("@/server/services/alerts/alert-worker");
  const { metricsSource } = await import("@/server/integrations/metrics");
  const alerts = startAlertWorker(db, metricsSource(), {
    intervalSeconds: env().MERIDIAN_ALERT_INTERVAL_SECONDS,
  });
  parts.push({ name: "alert worker", stop: () => alerts.stop() });
  installGracefulShutdown(parts);
}
