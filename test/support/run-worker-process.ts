// A portal process's scaffold-run worker, alone: opens the database named by the environment
// (migrating and seeding it like the portal does) and works runs until killed. The crash test
// starts it with tsx and kills it with SIGKILL.

const { getDb } = await import("@/server/db/client");
const db = await getDb();
const { startRunWorker } = await import("@/server/services/scaffold-runs/run-worker");
const worker = startRunWorker(db);
console.log(`worker ${worker.id} ready`);
export {};
