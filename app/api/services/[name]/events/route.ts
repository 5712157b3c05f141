import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getServiceEvents } from "@/server/services/events/get-service-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ params: z.object({ name: serviceName }) }, async ({ params }) =>
  getServiceEvents(await getDb(), params.name),
);
