import { AppError } from "@/lib/errors";
import { runListQuery } from "@/lib/scaffold-runs";
import { previewRequest } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listRuns } from "@/server/services/scaffold-runs/read-runs";
import { startRun } from "@/server/services/scaffold-runs/start-run";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const POST = apiRoute({ body: previewRequest }, async ({ request, body, actor }) => {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key))
    throw new AppError("bad_request", "Invalid Idempotency-Key header", [
      { field: "headers.idempotency-key", rule: "must be 1-200 printable ASCII characters" },
    ]);
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
