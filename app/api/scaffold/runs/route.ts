import { runListQuery } from "@/lib/scaffold-runs";
import { previewRequest } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { idempotencyKey } from "@/server/http/idempotency-key";
import { listRuns } from "@/server/services/scaffold-runs/read-runs";
import { startRun } from "@/server/services/scaffold-runs/start-run";

export const POST = apiRoute({ body: previewRequest }, async ({ request, body, actor }) => {
  const key = idempotencyKey(request);
  const { id, replayed } = await startRun(await getDb(), await actor(), body, key);
  return Response.json(
    { id },
    {
      status: 202,
      headers: {
        location: `/api/scaffold/runs/${id}`,
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      },
    },
  );
});

export const GET = apiRoute({ query: runListQuery }, async ({ query }) => listRuns(await getDb(), query));
