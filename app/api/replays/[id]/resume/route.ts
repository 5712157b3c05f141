import { replayIdParams } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { changeReplay } from "@/server/services/replays/change-replay";
import { getReplay } from "@/server/services/replays/read-replays";

export const POST = apiRoute({ params: replayIdParams }, async ({ params, actor }) => {
  const db = await getDb();
  await changeReplay(db, await actor(), params.id, "resume");
  return getReplay(db, params.id);
});
