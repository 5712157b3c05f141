import { validateRequest } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { validateAnswers } from "@/server/services/scaffold/validate-answers";

export const POST = apiRoute({ body: validateRequest }, async ({ body }) =>
  validateAnswers(await getDb(), body.template, body.params),
);
