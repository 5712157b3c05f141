import { z } from "zod";
import { templateId } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getTemplate } from "@/server/services/templates/template-catalog";

export const GET = apiRoute({ params: z.object({ id: templateId }) }, async ({ params }) =>
  getTemplate(await getDb(), params.id),
);
