import { estimateRequest } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { estimateReplay } from "@/server/services/replays/estimate-replay";

export const POST = apiRoute({ body: estimateRequest }, async ({ body }) =>
  estimateReplay(await getDb(), body),
);
