import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplayView } from "@/lib/replays";
import { call, preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import { as, publishRecorded, windowAround } from "./support/replays";

// Crash test: the portal process carrying out a replay is killed with SIGKILL half-way; another
// process takes the job over once the claim goes stale and finishes it from the committed cursor.
// Every selected event is replayed, none twice, all marked. Two processes need PostgreSQL.

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
    {
      env: { ...process.env, MERIDIAN_JOB_STALE_SECONDS: "2" },
      stdio: ["ignore", "ignore", "inherit"],
    },
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
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(process.env.DATABASE_URL)("a replay whose process is killed", () => {
  let recorded: string[] = [];

  beforeAll(async () => {
    portal = await preparePortalEnvironment({
      MERIDIAN_MODE: "embedded",
      MERIDIAN_SEED_DEMO: "true",
      MERIDIAN_JOB_STALE_SECONDS: "2",
    });
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

  it("is taken over and completes with every event replayed exactly once", async () => {
    const replays = await import("@/app/api/replays/route");
    const created = await call(replays.POST, "/api/replays", {
      method: "POST",
      headers: as("grace@meridian.dev"),
      json: {
        service: "inventory-service",
        selection: { types: [TYPE], ...windowAround(), source: { op: "equals", value: "//test/recorded" } },
        target: { kind: "trigger", trigger: TRIGGER },
        ratePerSecond: 10,
      },
    });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    const view = async () => (await call<ReplayView>(replayRoute.GET, `/api/replays/${id}`, {}, { id })).body;

    const first = startWorker();
    await until("the first worker to send 20 events", async () => (await view()).sent >= 20 && true);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const halfway = await view();
    expect(halfway.status).toBe("running");
    expect(halfway.sent).toBeLessThan(60);

    startWorker();
    const done = await until("the replay to complete", async () => {
      const v = await view();
      return v.status === "completed" ? v : null;
    });
    expect(done).toMatchObject({ total: 60, sent: 60, failed: 0 });
    const rows = await db.busEvent.findMany({ where: { replayJobId: id } });
    const from = rows.map((r) => (r.extensions as Record<string, string>).replayedfrom);
    expect(new Set(from)).toEqual(new Set(recorded));
    expect(rows).toHaveLength(60); // the batch in flight at the kill was rolled back, not repeated
    for (const r of rows) expect((r.extensions as Record<string, string>).replayid).toBe(id);
    const job = await db.replayJob.findUniqueOrThrow({ where: { id } });
    expect(job.claimedBy).toBeNull();
  });
});
