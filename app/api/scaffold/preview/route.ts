import { previewRequest } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { previewScaffold } from "@/server/services/scaffold/preview-scaffold";

export const POST = apiRoute({ body: previewRequest }, async ({ body }) =>
  previewScaffold(await getDb(), body),
);
