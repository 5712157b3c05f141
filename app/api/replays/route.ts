import { AppError } from "@/lib/errors";
import { createReplayRequest, replayListQuery } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listReplays } from "@/server/services/replays/read-replays";
import { startReplay } from "@/server/services/replays/start-replay";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const POST = apiRoute({ body: createReplayRequest }, async ({ request, body, actor }) => {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key))
    throw new AppError("bad_request", "Invalid Idempotency-Key header", [
      { field: "headers.idempotency-key", rule: "must be 1-200 printable ASCII characters" },
    ]);
  const { id, replayed } = await startReplay(await getDb(), await actor(), body, key);
  return Response.json(
    { id },
    {
      status: 202,
      headers: { location: `/api/replays/${id}`, ...(replayed ? { "idempotent-replayed": "true" } : {}) },
    },
  );
});

export const GET = apiRoute({ query: replayListQuery }, async ({ query }) =>
  listReplays(await getDb(), query.service),
);
