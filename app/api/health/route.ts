import { checkHealth } from "@/server/services/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness and database status; open without identity so load balancers and probes can call it. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
