import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

/** The dev-only user switch exists only in the embedded mode; production identity is IAP's alone. */
export function assertDevSwitchEnabled(): void {
  if (env().MERIDIAN_MODE === "production")
    throw new AppError("not_found", "The user switch does not exist in production mode");
}

/** The people a developer can act as: everyone the catalog knows, with their teams. */
export async function listDevUsers(db: Db) {
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    include: { memberships: { include: { team: { select: { name: true } } } } },
  });
  return users.map((u) => ({
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    teams: u.memberships.map((m) => m.team.name).sort(),
  }));
}

export async function findDevUser(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email }, select: { email: true } });
  if (!user)
    throw new AppError("unprocessable", `No user ${email} in the catalog`, [
      { field: "body.email", rule: "must be a user the catalog knows" },
    ]);
  return user;
}
