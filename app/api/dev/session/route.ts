import { z } from "zod";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { DEV_USER_COOKIE } from "@/server/integrations/identity/provider";
import { assertDevSwitchEnabled, listDevUsers } from "@/server/services/identity/dev-users";

/** Embedded mode only: the people you can act as. */
export const GET = apiRoute({}, async ({ actor }) => ({
  current: actor.email,
  users: await listDevUsers(await getDb()),
}));

/** Embedded mode only: act as someone else (sets a cookie), so demos and tests can try every role. */
export const POST = apiRoute(
  { body: z.strictObject({ email: z.email({ message: "must be an email address" }) }) },
  async ({ body }) => {
    assertDevSwitchEnabled();
    const response = Response.json({ email: body.email.toLowerCase() });
    response.headers.append(
      "set-cookie",
      `${DEV_USER_COOKIE}=${encodeURIComponent(body.email.toLowerCase())}; Path=/; SameSite=Lax; HttpOnly`,
    );
    return response;
  },
);
