import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplayView } from "@/lib/replays";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { as, publishRecorded, windowAround } from "./support/replays";

// Graceful shutdown, as Cloud Run does it: SIGTERM, then SIGKILL 10 s later. The process carrying
// out a replay commits the batch in flight, hands the job back and exits 0 well within that; another
// process takes it over at once (the claims' staleness is the default 15 s, so a takeover within
// a few seconds can only come from the hand-back) and finishes it: every event once. Two processes
// need PostgreSQL.

const TYPE = "dev.meridian.checkout.order.placed";
const TRIGGER = "inventory-service-order-placed";
let portal: PortalEnvironment;
let db: Awaited<ReturnType<typeof import("@/server/db/client").getDb>>;
let replayRoute: typeof import("@/app/api/replays/[id]/route");
const children = new Set<ChildProcess>();

function startWorker(): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "test/support/replay-worker-process.ts"],
    { env: { ...process.env, MERIDIAN_JOB_STALE_SECONDS: "15" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | null | false>, ms = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(process.env.DATABASE_URL)("a replay whose process gets SIGTERM", () => {
  let recorded: string[] = [];

  beforeAll(async () => {
    portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
    const client = await import("@/server/db/client");
    db = await client.getDb();
    replayRoute = await import("@/app/api/replays/[id]/route");
    const publish = await import("@/app/api/events/route");
    recorded = await publishRecorded(publish.POST, TYPE, "us-central1", 60);
    const { EventWorkers } = await import("@/server/services/events/event-workers");
    const workers = new EventWorkers(db, client.listenDb);
    await workers.wake();
    await workers.stop();
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await portal?.dispose();
  });

  it("is handed back with its batch committed, the process exits 0, and another finishes it at once", async () => {
    const replays = await import("@/app/api/replays/route");
    const created = await call(replays.POST, "/api/replays", {
      method: "POST",
      headers: as("grace@meridian.dev"),
      json: {
        service: "inventory-service",
        selection: { types: [TYPE], ...windowAround(), source: { op: "equals", value: "//test/recorded" } },
        target: { kind: "trigger", trigger: TRIGGER },
        ratePerSecond: 10, // batches of 10, one a second
      },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const view = async () => (await call<ReplayView>(replayRoute.GET, `/api/replays/${id}`, {}, { id })).body;

    const first = startWorker();
    const output: string[] = [];
    first.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    await until("the first worker to send 20 events", async () => (await view()).sent >= 20);
    const signalled = Date.now();
    first.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => first.once("exit", (c) => resolve(c)));
    const exitedAfter = Date.now() - signalled;
    expect(code).toBe(0);
    expect(exitedAfter).toBeLessThan(8_000);
    expect(output.join("")).toMatch(/SIGTERM: stopping replay worker[\s\S]*SIGTERM: stopped in \d+ ms/);

    // Handed back: queued, unclaimed, and the counts are whole batches that are all in the log.
    const handed = await db.replayJob.findUniqueOrThrow({ where: { id } });
    expect(handed).toMatchObject({ status: "queued", claimedBy: null, heartbeatAt: null });
    expect(handed.sent % 10).toBe(0);
    expect(handed.sent).toBeLessThan(60);
    expect(await db.busEvent.count({ where: { replayJobId: id } })).toBe(handed.sent);

    const takenOver = Date.now();
    startWorker();
    await until("the second worker to take the job", async () => {
      const j = await db.replayJob.findUniqueOrThrow({ where: { id } });
      return j.status === "running" && j.claimedBy !== null;
    });
    // Well before the 15 s staleness: the job was handed back, not abandoned.
    expect(Date.now() - takenOver).toBeLessThan(10_000);
    const done = await until("the replay to complete", async () => {
      const v = await view();
      return v.status === "completed" ? v : null;
    });
    expect(done).toMatchObject({ total: 60, sent: 60, failed: 0 });
    const rows = await db.busEvent.findMany({ where: { replayJobId: id } });
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => (r.extensions as Record<string, string>).replayedfrom))).toEqual(
      new Set(recorded),
    );
  });
});
