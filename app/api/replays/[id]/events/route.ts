import { replayIdParams } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { replayEventStream } from "@/server/services/replays/replay-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  { params: replayIdParams },
  async ({ params, request }) =>
    new Response(await replayEventStream(await getDb(), params.id, request.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    }),
);
