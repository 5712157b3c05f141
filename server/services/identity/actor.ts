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

/** The verified email behind a request; 401 when the request proves nobody. */
export async function authenticate(request: IdentityRequest): Promise<string> {
  try {
    return await identityProvider().identify(request);
  } catch (error) {
    if (error instanceof IdentityRejected)
      throw new AppError("unauthenticated", "A valid Identity-Aware Proxy assertion is required");
    throw error;
  }
}

/**
 * What the catalog knows of a signed-in person (teams, admin). People unknown to the catalog are
 * viewers; admins come from the User row or MERIDIAN_ADMINS.
 */
export async function loadActor(email: string): Promise<Actor> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { email },
    select: { name: true, isAdmin: true, memberships: { select: { team: { select: { name: true } } } } },
  });
  return {
    email,
    name: user?.name ?? email.split("@")[0]!,
    isAdmin: Boolean(user?.isAdmin) || env().MERIDIAN_ADMINS.includes(email),
    teams: user?.memberships.map((m) => m.team.name).sort() ?? [],
  };
}

export async function getActor(request: IdentityRequest): Promise<Actor> {
  return loadActor(await authenticate(request));
}
