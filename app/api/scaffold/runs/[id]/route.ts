import { runIdParams } from "@/lib/scaffold-runs";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getRun } from "@/server/services/scaffold-runs/read-runs";

export const GET = apiRoute({ params: runIdParams }, async ({ params }) => getRun(await getDb(), params.id));
