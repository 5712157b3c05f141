// A portal process's replay worker, alone: opens the database named by the environment and works
// replays until killed. The replay crash test starts it with tsx and kills it with SIGKILL; the graceful-shutdown test sends SIGTERM.

const { getDb } = await import("@/server/db/client");
const db = await getDb();
const { startReplayWorker } = await import("@/server/services/replays/replay-worker");
const worker = startReplayWorker(db);
// SIGTERM stops it as the portal's instrumentation does: the batch in flight, then hand the job back.
const { installGracefulShutdown } = await import("@/server/services/lifecycle/graceful-shutdown");
installGracefulShutdown([{ name: "replay worker", stop: () => worker.stop() }]);
console.log(`replay worker ${worker.id} ready`);
export {};
