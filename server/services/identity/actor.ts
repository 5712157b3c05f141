import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/identity";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import {
  IdentityRejected,
  identityProvider,
  type IdentityRequest,
} from "@/server/integrations/identity/provider";

/**
 * Who is asking: the verified email, plus what the catalog knows of them (teams, admin).
 * People unknown to the catalog are viewers; admins come from the User row or MERIDIAN_ADMINS.
 */
export async function getActor(request: IdentityRequest): Promise<Actor> {
  let email: string;
  try {
    email = await identityProvider().identify(request);
  } catch (error) {
    if (error instanceof IdentityRejected)
      throw new AppError("unauthenticated", "A valid Identity-Aware Proxy assertion is required");
    throw error;
  }
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { email },
    include: { memberships: { include: { team: { select: { name: true } } } } },
  });
  return {
    email,
    name: user?.name ?? email.split("@")[0]!,
    isAdmin: Boolean(user?.isAdmin) || env().MERIDIAN_ADMINS.includes(email),
    teams: user?.memberships.map((m) => m.team.name).sort() ?? [],
  };
}
