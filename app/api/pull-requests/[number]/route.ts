import { pullRequestParams } from "@/lib/pull-requests";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { getPullRequest } from "@/server/services/pull-requests/pull-request-view";

export const GET = apiRoute({ params: pullRequestParams }, async ({ params, actor }) =>
  getPullRequest(await getDb(), await actor(), params.number),
);
