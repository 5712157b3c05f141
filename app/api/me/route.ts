import { apiRoute } from "@/server/http/api-route";

/** Who the portal thinks you are: email, name, admin, teams. */
export const GET = apiRoute({}, async ({ actor }) => actor());
