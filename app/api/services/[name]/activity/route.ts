import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listServiceActivity } from "@/server/services/audit/list-service-activity";

export const GET = apiRoute({ params: z.object({ name: serviceName }) }, async ({ params }) =>
  listServiceActivity(await getDb(), params.name),
);
