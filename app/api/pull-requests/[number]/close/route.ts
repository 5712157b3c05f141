import { pullRequestParams } from "@/lib/pull-requests";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { closePullRequest } from "@/server/services/pull-requests/merge-pull-request";

export const POST = apiRoute({ params: pullRequestParams }, async ({ params, actor }) =>
  closePullRequest(await getDb(), await actor(), params.number),
);
