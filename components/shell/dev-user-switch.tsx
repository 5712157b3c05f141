"use client";

import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useDevUsers, useSwitchDevUser } from "@/lib/hooks/use-dev-users";
import type { Actor } from "@/lib/identity";

/** Embedded mode only: act as another person to try each role (viewer, team member, admin). */
export function DevUserSwitch({ current }: { current: Actor }) {
  const users = useDevUsers();
  const switchUser = useSwitchDevUser();
  const router = useRouter();
  const toast = useToast();
  const options = users.data?.users ?? [
    { email: current.email, name: current.name, isAdmin: current.isAdmin, teams: current.teams },
  ];
  return (
    <label className="flex items-center gap-2 text-sm">
      <Badge tone="warn" title="Embedded mode: identity is a local developer, not IAP">
        dev
      </Badge>
      <span className="sr-only">Act as</span>
      <Select
        aria-label="Act as"
        className="h-8 w-56 text-sm"
        value={current.email}
        disabled={switchUser.isPending}
        onChange={(e) =>
          switchUser.mutate(e.target.value, {
            onSuccess: ({ email }) => {
              toast({ title: `Acting as ${email}`, tone: "ok" });
              router.refresh();
            },
            onError: (error) =>
              toast({ title: "Could not switch user", description: error.message, tone: "danger" }),
          })
        }
      >
        {options.some((u) => u.email === current.email) ? null : (
          <option value={current.email}>{current.email}</option>
        )}
        {options.map((u) => (
          <option key={u.email} value={u.email}>
            {u.name} ({u.isAdmin ? "admin" : u.teams.length ? u.teams.join(", ") : "viewer"})
          </option>
        ))}
      </Select>
    </label>
  );
}
