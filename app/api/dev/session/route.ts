import { devSessionSwitch } from "@/lib/dev-session";
import { DEV_USER_COOKIE } from "@/lib/identity";
import { getDb } from "@/server/db/client";
import { apiRoute } from "@/server/http/api-route";
import { assertDevSwitchEnabled, findDevUser, listDevUsers } from "@/server/services/identity/dev-users";

/** Embedded mode only: the people you can act as. */
export const GET = apiRoute({ guard: assertDevSwitchEnabled }, async ({ email }) => ({
  current: email,
  users: await listDevUsers(await getDb()),
}));

/** Embedded mode only: act as someone the catalog knows (sets a cookie), so demos and tests can try every role. */
export const POST = apiRoute({ guard: assertDevSwitchEnabled, body: devSessionSwitch }, async ({ body }) => {
  const user = await findDevUser(await getDb(), body.email);
  const response = Response.json({ email: user.email });
  response.headers.append(
    "set-cookie",
    `${DEV_USER_COOKIE}=${encodeURIComponent(user.email)}; Path=/; SameSite=Lax; HttpOnly`,
  );
  return response;
});
