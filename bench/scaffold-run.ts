// npx tsx --conditions=react-server bench/scaffold-run.ts (part of `npm run bench`)
//
// A scaffold run on the local repository: from the start of `POST /api/scaffold/runs` (in-process)
// until the pull request is recorded (the pull-request step's finish time in the database), the
// run carried out by this process's worker functions right after the POST, as the kick does. As in
// the wizard, each run follows a preview of the same answers (not timed), whose checks the run's
// render step reuses for the identical files.
// Against: committing the same files to a new branch with the git CLI in a clone of the same
// repository (`git checkout -b`, write the files, `git add -A`, `git commit`), same run.
// Goal: run <= 1.5x raw. Each iteration uses a new service name (names are unique).
//
//   BENCH_RUN_ITERATIONS=15 timed iterations per side (after BENCH_RUN_WARMUP=3)

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { validAnswers } from "@/test/support/template-answers";
import { openBenchDatabase } from "./database";
import { runBench } from "./run";
import { median, ms, p95, table } from "./stats";
import { BenchFailure } from "./verify";

const ITERATIONS = Number(process.env.BENCH_RUN_ITERATIONS ?? 15);
const WARMUP = Number(process.env.BENCH_RUN_WARMUP ?? 3);
const GOAL = 1.5;

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-bench-git-"));
  process.env.MERIDIAN_GIT_DIR = path.join(scratch, "repository.git");
  try {
    const { prisma: db } = await openBenchDatabase();
    const [{ POST }, previewRoute, { NextRequest }, { claimNextRun }, { executeRun }] = await Promise.all([
      import("@/app/api/scaffold/runs/route"),
      import("@/app/api/scaffold/preview/route"),
      import("next/server"),
      import("@/server/services/scaffold-runs/claim-run"),
      import("@/server/services/scaffold-runs/execute-run"),
    ]);

    let n = 0;
    const runOnce = async (): Promise<{ ms: number; files: { path: string; content: string }[] }> => {
      const name = `bench-run-${n++}`;
      const body = JSON.stringify({
        template: "http-service",
        params: { ...validAnswers("http-service"), name, team: "checkout" },
      });
      const previewed = await previewRoute.POST(
        new NextRequest("http://localhost/api/scaffold/preview", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        { params: Promise.resolve({}) },
      );
      if (previewed.status !== 200)
        throw new BenchFailure(`POST preview: ${previewed.status} ${await previewed.text()}`);
      const started = Date.now();
      const response = await POST(
        new NextRequest("http://localhost/api/scaffold/runs", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        { params: Promise.resolve({}) },
      );
      if (response.status !== 202)
        throw new BenchFailure(`POST run: ${response.status} ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      const claimed = await claimNextRun(db, "bench");
      if (claimed !== id) throw new BenchFailure(`claimed ${claimed}, expected ${id}`);
      await executeRun(db, id, "bench");
      const steps = await db.scaffoldRunStep.findMany({ where: { runId: id } });
      const pr = steps.find((s) => s.name === "pull-request");
      if (pr?.status !== "done" || !pr.finishedAt)
        throw new BenchFailure(`run ${id} did not open its pull request`);
      const render = steps.find((s) => s.name === "render")!.output as {
        files: { path: string; content: string }[];
      };
      return { ms: pr.finishedAt.getTime() - started, files: render.files };
    };

    const first = await runOnce();
    const clone = path.join(scratch, "clone");
    execFileSync("git", ["clone", "--quiet", process.env.MERIDIAN_GIT_DIR!, clone]);
    const gitIn = (...args: string[]) =>
      execFileSync("git", [
        "-C",
        clone,
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@localhost",
        ...args,
      ]);
    let b = 0;
    const raw = () => {
      const start = performance.now();
      gitIn("checkout", "--quiet", "-b", `raw-${b++}`, "origin/main");
      for (const file of first.files) {
        const target = path.join(clone, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
      }
      gitIn("add", "-A");
      gitIn("commit", "--quiet", "-m", "Add service");
      return performance.now() - start;
    };
    console.log(
      [
        `run: POST /api/scaffold/runs (http-service, 3 regions, ${first.files.length} files) → pull request recorded on the local repository`,
        `raw: git checkout -b, write the same ${first.files.length} files, git add -A, git commit, in a clone`,
        `${WARMUP} warm-up + ${ITERATIONS} timed iterations per side, alternating\n`,
      ].join("\n"),
    );
    for (let i = 0; i < WARMUP; i++) {
      await runOnce();
      raw();
    }
    const runTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      if (i % 2) {
        rawTimes.push(raw());
        runTimes.push((await runOnce()).ms);
      } else {
        runTimes.push((await runOnce()).ms);
        rawTimes.push(raw());
      }
    }
    const ratio = median(runTimes) / median(rawTimes);
    console.log(
      table([
        ["side", "median", "p95"],
        ["run", ms(median(runTimes)), ms(p95(runTimes))],
        ["raw", ms(median(rawTimes)), ms(p95(rawTimes))],
      ]),
    );
    console.log(
      `\nratio (median run / median raw): ${ratio.toFixed(2)}x — goal <= ${GOAL}x: ${ratio <= GOAL ? "MET" : "NOT MET"}`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

runBench(main);
