import { eventTypeParams } from "@/lib/events/api";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getEventType } from "@/server/services/events/list-event-types";

export const GET = apiRoute({ params: eventTypeParams }, async ({ params }) =>
  getEventType(await getDb(), params.type),
);
