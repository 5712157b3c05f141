// A portal process's scaffold-run worker, alone: opens the database named by the environment
// (migrating and seeding it like the portal does) and works runs until killed. The crash test
// starts it with tsx and kills it with SIGKILL; the graceful-shutdown test sends SIGTERM.

const { getDb } = await import("@/server/db/client");
const db = await getDb();
const { startRunWorker } = await import("@/server/services/scaffold-runs/run-worker");
const worker = startRunWorker(db);
// SIGTERM stops it as the portal's instrumentation does: the step in flight, then hand the run back.
const { installGracefulShutdown } = await import("@/server/services/lifecycle/graceful-shutdown");
installGracefulShutdown([{ name: "scaffold-run worker", stop: () => worker.stop() }]);
console.log(`worker ${worker.id} ready`);
export {};
