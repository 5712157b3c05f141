import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { streamQuery } from "@/lib/events/api";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { streamServiceEvents } from "@/server/services/events/stream-service-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  { params: z.object({ name: serviceName }), query: streamQuery },
  async ({ params, query, request }) =>
    new Response(
      await streamServiceEvents(
        await getDb(),
        params.name,
        query,
        request.headers.get("last-event-id"),
        request.signal,
      ),
      {
        headers: {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-cache, no-transform",
          "x-accel-buffering": "no",
        },
      },
    ),
);
