import { publishQuery } from "@/lib/events/api";
import { MAX_BODY_BYTES } from "@/lib/events/cloudevent-rules";
import { apiRoute } from "@/server/http/api-route";
import { readBodyLimited } from "@/server/http/read-body";
import { parseHttpCloudEvent } from "@/server/services/events/parse-http-cloudevent";
import { publishEvent } from "@/server/services/events/publish-event";

/** A CloudEvent in binary or structured HTTP mode, published to the broker of `?region=`. */
export const POST = apiRoute({ query: publishQuery }, async ({ request, email, query }) => {
  const event = parseHttpCloudEvent(request.headers, await readBodyLimited(request, MAX_BODY_BYTES));
  const result = await publishEvent(email, query.region, event);
  return Response.json(result, { status: 202 });
});
