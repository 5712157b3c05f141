import { demoDegradationRequest } from "@/lib/demo-degradation";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { metricsSource } from "@/server/integrations/metrics";
import { assertEmbeddedMode } from "@/server/services/metrics/assert-embedded-mode";
import { forceDegradation } from "@/server/services/metrics/force-degradation";

/** Embedded mode only: one region of a demo service degrades, as if since 10 minutes ago (team members and admins). */
export const POST = apiRoute(
  { guard: assertEmbeddedMode, body: demoDegradationRequest },
  async ({ body, actor }) => {
    const degradation = await forceDegradation(await getDb(), await actor(), body);
    // The degraded samples must show on the next refresh, not when the dashboard cache expires.
    metricsSource().forget?.();
    return degradation;
  },
);
