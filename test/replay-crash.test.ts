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

// Crash test: the portal process carrying out a replay is killed with SIGKILL half-way; another
// process takes the job over once the claim goes stale and finishes it from the committed cursor.
// Every selected event is replayed, none twice, all marked. Two processes need PostgreSQL.

let portal: PortalEnvironment;
let db: Db;

describe.runIf(process.env.DATABASE_URL)("a replay whose process is killed", () => {
  let recorded: string[] = [];

  beforeAll(async () => {
    portal = await preparePortalEnvironment({
      MERIDIAN_MODE: "embedded",
      MERIDIAN_SEED_DEMO: "true",
      MERIDIAN_JOB_STALE_SECONDS: "2",
    });
    ({ db, recorded } = await recordedEvents(60));
  });
  afterAll(async () => {
    killReplayWorkerProcesses();
    await portal?.dispose();
  });

  it("is taken over and completes with every event replayed exactly once", async () => {
    const { id, view } = await replayToTrigger(10);

    const first = startReplayWorkerProcess(2);
    await until("the first worker to send 20 events", async () => (await view()).sent >= 20 && true);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const halfway = await view();
    expect(halfway.status).toBe("running");
    expect(halfway.sent).toBeLessThan(60);

    startReplayWorkerProcess(2);
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
