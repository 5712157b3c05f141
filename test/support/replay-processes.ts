import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "vitest";
import type { ReplayView } from "@/lib/replays";
import { call } from "./api";
import { as, publishRecorded, windowAround } from "./replays";

// What the two-process replay tests (crash, graceful shutdown) share: recorded events, a replay of
// them to inventory-service's trigger, and replay workers in processes of their own
// (replay-worker-process.ts). Call after preparePortalEnvironment.

const TYPE = "dev.meridian.checkout.order.placed";
const TRIGGER = "inventory-service-order-placed";

export type Db = Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;

/** Publishes `count` recorded events and runs the dispatcher once, so they are archived. */
export async function recordedEvents(count: number): Promise<{ db: Db; recorded: string[] }> {
  const client = await import("@/server/db/client");
  const db = await client.getDb();
  const publish = await import("@/app/api/events/route");
  const recorded = await publishRecorded(publish.POST, TYPE, "us-central1", count);
  const { EventWorkers } = await import("@/server/services/events/event-workers");
  const workers = new EventWorkers(db, client.listenDb);
  await workers.wake();
  await workers.stop();
  return { db, recorded };
}

/** Queues a replay of those events to the trigger; returns its id and a reader of its view. */
export async function replayToTrigger(ratePerSecond: number) {
  const replays = await import("@/app/api/replays/route");
  const replay = await import("@/app/api/replays/[id]/route");
  const created = await call(replays.POST, "/api/replays", {
    method: "POST",
    headers: as("grace@meridian.dev"),
    json: {
      service: "inventory-service",
      selection: { types: [TYPE], ...windowAround(), source: { op: "equals", value: "//test/recorded" } },
      target: { kind: "trigger", trigger: TRIGGER },
      ratePerSecond,
    },
  });
  expect(created.status).toBe(202);
  const id = created.body.id as string;
  const view = async () => (await call<ReplayView>(replay.GET, `/api/replays/${id}`, {}, { id })).body;
  return { id, view };
}

const children = new Set<ChildProcess>();

/** A replay worker in a process of its own; its claims go stale after `staleSeconds`. */
export function startReplayWorkerProcess(staleSeconds: number, stdout: "ignore" | "pipe" = "ignore") {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "test/support/replay-worker-process.ts"],
    {
      env: {
        ...process.env,
        MERIDIAN_JOB_STALE_SECONDS: String(staleSeconds),
        // Its own log lines, when the test reads them.
        ...(stdout === "pipe" ? { MERIDIAN_LOG_LEVEL: "info" } : {}),
      },
      stdio: ["ignore", stdout, "inherit"],
    },
  );
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function killReplayWorkerProcesses(): void {
  for (const c of children) c.kill("SIGKILL");
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | false>,
  ms = 60_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
