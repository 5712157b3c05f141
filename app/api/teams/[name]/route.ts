import { z } from "zod";
import { teamName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getTeam } from "@/server/services/catalog/get-team";

export const GET = apiRoute({ params: z.object({ name: teamName }) }, async ({ params }) =>
  getTeam(await getDb(), params.name),
);
