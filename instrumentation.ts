// Opens, migrates and seeds the database when the server starts, so the first request does not
// pay for it and a broken database fails the start-up loudly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/server/db/client");
  await getDb();
}
