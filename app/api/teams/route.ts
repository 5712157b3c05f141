import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listTeams } from "@/server/services/catalog/list-teams";

export const GET = apiRoute({}, async () => ({ items: await listTeams(await getDb()) }));
