// Opens, migrates and seeds the database when the server starts, so the first request does not
// pay for it and a broken database fails the start-up loudly. In the embedded mode it then starts
// the demo traffic generator for the demo fleet (its backfill is written before the first request).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  const { startDemoTraffic } = await import("@/server/services/metrics/demo-traffic");
  await startDemoTraffic(db);
}
