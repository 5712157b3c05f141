import { replayIdParams } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getReplay } from "@/server/services/replays/read-replays";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ params: replayIdParams }, async ({ params }) =>
  getReplay(await getDb(), params.id),
);
