// Opens, migrates and seeds the database when the server starts, so the first request does not
// pay for it and a broken database fails the start-up loudly. Then it opens the repository new
// services are proposed to (creating the embedded one), starts this process's scaffold-run worker
// (and, with GitHub, the pull-request poll), the embedded event broker's workers when the bus is
// embedded, and in the embedded mode the demo traffic generator for the demo fleet (its backfill
// is written before the first request) and its demo events.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  // The embedded repository (with its platform skeleton) exists from the first start on.
  const { repository } = await import("@/server/services/scaffold/repository");
  await repository(db);
  const { startRunWorker } = await import("@/server/services/scaffold-runs/run-worker");
  startRunWorker(db);
  const { startReplayWorker } = await import("@/server/services/replays/replay-worker");
  startReplayWorker(db);
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
    await startEventWorkers(db, listenDb);
    const { startDemoEvents } = await import("@/server/services/events/demo-events");
    startDemoEvents(db);
  }
  const { startDemoTraffic } = await import("@/server/services/metrics/demo-traffic");
  await startDemoTraffic(db);
}
