import "server-only";
import { cookies, headers } from "next/headers";
import type { Actor } from "@/lib/identity";
import { getActor } from "./actor";

/** The actor behind the page being rendered (server components). */
export async function currentActor(): Promise<Actor> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return getActor({ headers: h, cookie: (name) => c.get(name)?.value });
}
