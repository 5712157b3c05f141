import type { NextRequest } from "next/server";
import { getDb } from "@/server/db/client";
import { errorResponse } from "@/server/http/api-route";
import { receiveGitHubWebhook } from "@/server/services/pull-requests/receive-github-webhook";

// Not behind identity: GitHub signs each delivery with the webhook secret instead (proxy.ts lets it through).
export async function POST(request: NextRequest): Promise<Response> {
  try {
    const result = await receiveGitHubWebhook(await getDb(), {
      event: request.headers.get("x-github-event"),
      signature: request.headers.get("x-hub-signature-256"),
      body: await request.text(),
    });
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
