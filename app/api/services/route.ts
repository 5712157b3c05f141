import { catalogQuery } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { listServices } from "@/server/services/catalog/list-services";

export const GET = apiRoute({ query: catalogQuery }, async ({ query }) => listServices(await getDb(), query));
