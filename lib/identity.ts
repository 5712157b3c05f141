/** The header Identity-Aware Proxy signs for every request it lets through (production). */
export const IAP_ASSERTION_HEADER = "x-goog-iap-jwt-assertion";
/** The embedded mode's user-switch cookie, set by `POST /api/dev/session`. */
export const DEV_USER_COOKIE = "meridian_dev_user";

/** The person behind a request, as every layer sees them. */
export interface Actor {
  email: string;
  name: string;
  isAdmin: boolean;
  /** Names of the teams the actor is a member of. */
  teams: string[];
}

export type Role = "admin" | "member" | "viewer";

/** The actor's role for one team's resources. */
export function roleFor(actor: Actor, team: string): Role {
  if (actor.isAdmin) return "admin";
  return actor.teams.includes(team) ? "member" : "viewer";
}
