import { z } from "zod";
import { policyIdParam, thresholdOverride } from "@/lib/alerts/alert-api";
import { serviceName } from "@/lib/catalog";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { setAlertOverride } from "@/server/services/alerts/set-alert-override";

const params = z.object({ name: serviceName, policy: policyIdParam });

/** Sets the service's threshold for one policy (team members and admins; audited). */
export const PUT = apiRoute({ params, body: thresholdOverride }, async ({ params, body, actor }) =>
  setAlertOverride(await getDb(), await actor(), params.name, params.policy, body.threshold),
);

/** Back to the platform default. */
export const DELETE = apiRoute({ params }, async ({ params, actor }) =>
  setAlertOverride(await getDb(), await actor(), params.name, params.policy, null),
);
