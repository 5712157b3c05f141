import { createReplayRequest, replayListQuery } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { idempotencyKey } from "@/server/http/idempotency-key";
import { listReplays } from "@/server/services/replays/read-replays";
import { startReplay } from "@/server/services/replays/start-replay";

export const POST = apiRoute({ body: createReplayRequest }, async ({ request, body, actor }) => {
  const key = idempotencyKey(request);
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
