// A portal process's replay worker, alone: opens the database named by the environment and works
// replays until killed. The replay crash test starts it with tsx and kills it with SIGKILL.

const { getDb } = await import("@/server/db/client");
const db = await getDb();
const { startReplayWorker } = await import("@/server/services/replays/replay-worker");
const worker = startReplayWorker(db);
console.log(`replay worker ${worker.id} ready`);
export {};
