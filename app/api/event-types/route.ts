import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listEventTypes } from "@/server/services/events/list-event-types";

export const GET = apiRoute({}, async () => listEventTypes(await getDb()));
