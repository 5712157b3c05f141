import { z } from "zod";
import { serviceName, serviceUpdate } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getService } from "@/server/services/catalog/get-service";
import { updateService } from "@/server/services/catalog/update-service";

const params = z.object({ name: serviceName });

export const GET = apiRoute({ params }, async ({ params }) => getService(await getDb(), params.name));

export const PATCH = apiRoute({ params, body: serviceUpdate }, async ({ params, body, actor }) =>
  updateService(await getDb(), await actor(), params.name, body),
);
