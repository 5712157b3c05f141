import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparePortalEnvironment, type PortalEnvironment } from "./support/api";
import {
  killReplayWorkerProcesses,
  recordedEvents,
  replayToTrigger,
  startReplayWorkerProcess,
  until,
  type Db,
} from "./support/replay-processes";

// Graceful shutdown, as Cloud Run does it: SIGTERM, then SIGKILL 10 s later. The process carrying
// out a replay commits the batch in flight, hands the job back and exits 0 well within that; another
// process takes it over at once (the claims' staleness is the default 15 s, so a takeover within
// a few seconds can only come from the hand-back) and finishes it: every event once. Two processes
// need PostgreSQL.

let portal: PortalEnvironment;
let db: Db;

describe.runIf(process.env.DATABASE_URL)("a replay whose process gets SIGTERM", () => {
  let recorded: string[] = [];

  beforeAll(async () => {
    portal = await preparePortalEnvironment({ MERIDIAN_MODE: "embedded", MERIDIAN_SEED_DEMO: "true" });
    ({ db, recorded } = await recordedEvents(60));
  });
  afterAll(async () => {
    killReplayWorkerProcesses();
    await portal?.dispose();
  });

  it("is handed back with its batch committed, the process exits 0, and another finishes it at once", async () => {
    const { id, view } = await replayToTrigger(10); // batches of 10, one a second

    const first = startReplayWorkerProcess(15, "pipe");
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
    startReplayWorkerProcess(15);
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
