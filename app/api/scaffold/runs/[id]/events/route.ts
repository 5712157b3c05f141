import { runIdParams } from "@/lib/scaffold-runs";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { runEventStream } from "@/server/services/scaffold-runs/run-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ params: runIdParams }, async ({ params, request }) => {
  const stream = await runEventStream(
    await getDb(),
    params.id,
    request.headers.get("last-event-id"),
    request.signal,
  );
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
