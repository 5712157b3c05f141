import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReplayJobView } from "@/components/replays/replay-job-view";
import { AppError } from "@/lib/errors";
import { replayIdParams } from "@/lib/replays";
import { getDb } from "@/server/db/client";
import { getReplay } from "@/server/services/replays/read-replays";

export const metadata: Metadata = { title: "Replay" };
export const dynamic = "force-dynamic";

export default async function ReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = replayIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const replay = await getReplay(await getDb(), parsed.data.id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <ReplayJobView initial={replay} />;
}
