import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { roleFor, type Actor } from "@/lib/identity";
import { actionRules, authorize, can, type Action } from "@/server/services/identity/authorize";

// The policy, written out independently of actionRules: "team" actions are for members of the
// owning team and admins, "admin" actions for admins only.
const policy: Record<Action, "team" | "admin"> = {
  "service.update": "team",
  "service.create": "team",
  "service.retire": "team",
  "pull-request.merge": "team",
  "replay.run": "team",
  "alert.threshold": "team",
  "team.update": "admin",
  "portal.admin": "admin",
};

const TEAM = "checkout";
const personas = {
  viewer: { email: "viewer@meridian.dev", name: "Vera", isAdmin: false, teams: [] },
  member: { email: "dev@meridian.local", name: "Dev", isAdmin: false, teams: ["checkout"] },
  "member of another team": {
    email: "grace@meridian.dev",
    name: "Grace",
    isAdmin: false,
    teams: ["fulfilment", "growth"],
  },
  admin: { email: "ada@meridian.dev", name: "Ada", isAdmin: true, teams: ["platform"] },
} satisfies Record<string, Actor>;
type Persona = keyof typeof personas;

const allowed: Record<"team" | "admin", Persona[]> = { team: ["member", "admin"], admin: ["admin"] };

const matrix = (Object.keys(policy) as Action[]).flatMap((action) =>
  (Object.keys(personas) as Persona[]).map((persona) => ({
    action,
    persona,
    allow: allowed[policy[action]].includes(persona),
  })),
);

function refusal(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("actionRules", () => {
  it("lists exactly the actions of the policy", () => {
    expect(Object.keys(actionRules).sort()).toEqual(Object.keys(policy).sort());
  });

  it("never lets a viewer do anything", () => {
    for (const roles of Object.values(actionRules)) expect(roles).not.toContain("viewer");
  });
});

describe.each(matrix)(`$action by $persona on a ${TEAM} resource`, ({ action, persona, allow }) => {
  const actor = personas[persona];

  it(`can() is ${allow}`, () => {
    expect(can(actor, action, TEAM)).toBe(allow);
  });

  if (allow) {
    it("authorize() passes", () => {
      expect(() => authorize(actor, action, TEAM)).not.toThrow();
    });
  } else {
    it("authorize() throws forbidden naming the action, the actor and the team", () => {
      const error = refusal(() => authorize(actor, action, TEAM));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "forbidden", status: 403 });
      const message = (error as AppError).message;
      expect(message).toContain(action);
      expect(message).toContain(actor.email);
      expect(message).toContain(`"${TEAM}"`);
    });
  }
});

describe("portal-wide checks (no team)", () => {
  it.each(Object.keys(policy) as Action[])("%s without a team: admins only", (action) => {
    expect(can(personas.admin, action)).toBe(true);
    expect(can(personas.member, action)).toBe(false);
    expect(can(personas.viewer, action)).toBe(false);
    expect(refusal(() => authorize(personas.member, action))).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining(action),
    });
  });

  it("the refusal says only an admin may", () => {
    expect(refusal(() => authorize(personas.member, "portal.admin"))).toMatchObject({
      message: expect.stringMatching(/only an admin may/),
    });
  });
});

describe("roleFor", () => {
  it("admins are admin for every team, members for their own, everyone else a viewer", () => {
    expect(roleFor(personas.admin, "checkout")).toBe("admin");
    expect(roleFor(personas.member, "checkout")).toBe("member");
    expect(roleFor(personas.member, "growth")).toBe("viewer");
    expect(roleFor(personas["member of another team"], "growth")).toBe("member");
    expect(roleFor(personas.viewer, "checkout")).toBe("viewer");
  });

  it("team names must match exactly", () => {
    expect(roleFor(personas.member, "Checkout")).toBe("viewer");
    expect(roleFor(personas.member, "checkout-eu")).toBe("viewer");
  });
});
