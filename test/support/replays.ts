import { expect } from "vitest";
import { call } from "./api";

// Helpers shared by the replay tests: recorded events made the way the portal makes them (published
// through the API, archived by the dispatcher), and requests as a given demo user.

export const as = (email: string) => ({ cookie: `meridian_dev_user=${encodeURIComponent(email)}` });

type Route = Parameters<typeof call>[0];

export async function publishRecorded(
  publishRoute: Route,
  type: string,
  region: string,
  count: number,
  extensions: (i: number) => Record<string, string> = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `rec-${crypto.randomUUID()}`;
    const headers: Record<string, string> = {
      "ce-specversion": "1.0",
      "ce-id": id,
      "ce-type": type,
      "ce-source": "//test/recorded",
      "ce-subject": `items/${i}`,
      "content-type": "application/json",
    };
    for (const [k, v] of Object.entries(extensions(i))) headers[`ce-${k}`] = v;
    const res = await call(publishRoute, `/api/events?region=${region}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ n: i, order: { id: `o-${i}` } }),
    });
    expect(res.status).toBe(202);
    ids.push(id);
  }
  return ids;
}

export function windowAround(minutes = 10) {
  const now = Date.now();
  return { from: new Date(now - minutes * 60_000).toISOString(), to: new Date(now + 60_000).toISOString() };
}
