import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RunView } from "@/components/runs/run-view";
import { AppError } from "@/lib/errors";
import { runIdParams } from "@/lib/scaffold-runs";
import { getDb } from "@/server/db/client";
import { getRun, runLogSince } from "@/server/services/scaffold-runs/read-runs";

type Params = Promise<{ id: string }>;

const loadRun = cache(async (id: string) => {
  if (!runIdParams.safeParse({ id }).success) notFound();
  const db = await getDb();
  try {
    // The log first: the state read after it is at least as new, and the stream adds what is missing.
    const lines = await runLogSince(db, id, 0n);
    return { run: await getRun(db, id), lines };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { run } = await loadRun((await params).id);
  return { title: `Run · ${run.serviceName}` };
}

/** One scaffold run: rendered as it stands now, then kept live in the browser by its event stream. */
export default async function RunPage({ params }: { params: Params }) {
  const { run, lines } = await loadRun((await params).id);
  return <RunView key={run.id} initial={run} initialLines={lines} />;
}
