// npx tsx --conditions=react-server bench/preview.ts (part of `npm run bench`)
//
// The scaffold preview: the real `POST /api/scaffold/preview` handler, called in-process, for the
// event receiver in 3 regions (2 triggers, publishing, one recorded type), against formatting and
// parsing the same Terraform files with HashiCorp's HCL libraries directly (@cdktf/hcl-tools format +
// @cdktf/hcl2json parse, one after the other per file). The preview does that work too, and also
// validates the answers (catalog lookups), renders every file, hashes them into the lock file,
// checks module inputs and names, and runs gofmt (a separate process, concurrently). The goal is
// preview <= 1.5x raw; the benchmark reports the ratio and exits 0 unless something is broken.
//
// Check results are reused for identical files (server/services/scaffold/check-files.ts), so every
// iteration changes the description, as a person typing would: the README and the lock file differ,
// and all the checks run again (gofmt's own cache still answers for the unchanged Go files).
//
//   BENCH_PREVIEW_ITERATIONS=30   timed iterations per side (after BENCH_PREVIEW_WARMUP=5)

import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import type { PreviewResponse } from "@/lib/templates/types";
import { validAnswers } from "@/test/support/template-answers";
import { openBenchDatabase } from "./database";
import { time } from "./measure";
import { runBench } from "./run";
import { median, ms, p95, table } from "./stats";
import { BenchFailure } from "./verify";

const ITERATIONS = Number(process.env.BENCH_PREVIEW_ITERATIONS ?? 30);
const WARMUP = Number(process.env.BENCH_PREVIEW_WARMUP ?? 5);
/** Preview <= GOAL x raw. */
const GOAL = 1.5;

async function main() {
  await openBenchDatabase();
  const [{ POST }, { NextRequest }] = await Promise.all([
    import("@/app/api/scaffold/preview/route"),
    import("next/server"),
  ]);
  let typed = 0;
  const request = () => ({
    template: "event-receiver",
    params: { ...validAnswers("event-receiver"), description: `Audits orders (draft ${typed++}).` },
  });
  const preview = async (): Promise<PreviewResponse> => {
    const response = await POST(
      new NextRequest("http://localhost/api/scaffold/preview", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request()),
      }),
      { params: Promise.resolve({}) },
    );
    const body = await response.json();
    if (response.status !== 200)
      throw new BenchFailure(`POST preview: ${response.status} ${JSON.stringify(body)}`);
    return body as PreviewResponse;
  };

  const first = await preview();
  const failed = first.checks.filter((c) => !c.ok);
  if (failed.length) throw new BenchFailure(`preview checks failed: ${failed.map((c) => c.name).join(", ")}`);
  const terraform = first.files.filter((f) => f.language === "hcl");
  const raw = async () => {
    for (const file of terraform) {
      await format(file.content);
      await parse(file.path, file.content);
    }
  };
  console.log(
    [
      `preview: POST /api/scaffold/preview in-process, event-receiver in ${(validAnswers("event-receiver").regions as string[]).join(", ")}, a new description each time`,
      `  → ${first.files.length} files (${terraform.length} Terraform), ${first.checks.length} checks: ${first.checks.map((c) => c.name).join("; ")}`,
      `raw: format + parse of the same ${terraform.length} Terraform files with @cdktf/hcl-tools and @cdktf/hcl2json`,
      `${WARMUP} warm-up + ${ITERATIONS} timed iterations per side, alternating\n`,
    ].join("\n"),
  );

  for (let i = 0; i < WARMUP; i++) {
    await preview();
    await raw();
  }
  const previewTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const sides = [
      async () => previewTimes.push(await time(preview)),
      async () => rawTimes.push(await time(raw)),
    ];
    if (i % 2) sides.reverse();
    for (const side of sides) await side();
  }
  const ratio = median(previewTimes) / median(rawTimes);
  console.log(
    table([
      ["side", "median", "p95"],
      ["preview", ms(median(previewTimes)), ms(p95(previewTimes))],
      ["raw", ms(median(rawTimes)), ms(p95(rawTimes))],
    ]),
  );
  console.log(
    `\nratio (median preview / median raw): ${ratio.toFixed(2)}x — goal <= ${GOAL}x: ${ratio <= GOAL ? "MET" : "NOT MET"}`,
  );
}

runBench(main);
