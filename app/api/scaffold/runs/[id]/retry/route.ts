import { runIdParams } from "@/lib/scaffold-runs";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { retryRun } from "@/server/services/scaffold-runs/change-run";

export const POST = apiRoute({ params: runIdParams }, async ({ params, actor }) =>
  retryRun(await getDb(), await actor(), params.id),
);
