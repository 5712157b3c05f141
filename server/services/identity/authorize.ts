import "server-only";
import { AppError } from "@/lib/errors";
import { roleFor, type Actor, type Role } from "@/lib/identity";

/**
 * Every mutation names one of these actions. Team-scoped actions are allowed to members of the
 * owning team and to admins; portal-wide ones to admins only. Reading is allowed to everyone
 * signed in, so it needs no action.
 */
export const actionRules = {
  "service.update": ["member", "admin"],
  "service.create": ["member", "admin"],
  "service.retire": ["member", "admin"],
  "pull-request.merge": ["member", "admin"],
  "replay.run": ["member", "admin"],
  "alert.threshold": ["member", "admin"],
  "team.update": ["admin"],
  "portal.admin": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof actionRules;

export function can(actor: Actor, action: Action, team?: string): boolean {
  const role: Role = team === undefined ? (actor.isAdmin ? "admin" : "viewer") : roleFor(actor, team);
  return (actionRules[action] as readonly Role[]).includes(role);
}

/** The one authorisation check every mutation calls; throws 403 naming what was refused. */
export function authorize(actor: Actor, action: Action, team?: string): void {
  if (can(actor, action, team)) return;
  const scope = team === undefined ? "" : ` for team "${team}"`;
  const who = team === undefined ? "an admin" : `a member of team "${team}" or an admin`;
  throw new AppError("forbidden", `${actor.email} may not ${action}${scope}: only ${who} may`);
}
