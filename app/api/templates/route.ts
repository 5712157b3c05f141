import { apiRoute } from "@/server/http/api-route";
import { listTemplates } from "@/server/services/templates/template-catalog";

export const GET = apiRoute({}, async () => ({ templates: await listTemplates() }));
