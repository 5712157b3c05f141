import { demoDegradationRequest } from "@/lib/demo-degradation";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { metricsSource } from "@/server/integrations/metrics";
import { requestEvaluation } from "@/server/services/alerts/request-evaluation";
import { assertEmbeddedMode } from "@/server/services/metrics/assert-embedded-mode";
import { forceDegradation } from "@/server/services/metrics/force-degradation";

/** Embedded mode only: one region of a demo service degrades, as if since 10 minutes ago (team members and admins). */
export const POST = apiRoute(
  { guard: assertEmbeddedMode, body: demoDegradationRequest },
  async ({ body, actor }) => {
    const db = await getDb();
    const degradation = await forceDegradation(db, await actor(), body);
    // The degraded samples must show on the next refresh, not when the dashboard cache expires, and
    // the service's alert policies are evaluated on them at once.
    metricsSource().forget?.();
    await requestEvaluation(db, body.service);
    return degradation;
  },
);
