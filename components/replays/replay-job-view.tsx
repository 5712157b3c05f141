"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { useReplayControl, useReplayProgress } from "@/lib/hooks/use-replay";
import type { ReplayView } from "@/lib/replays";
import { ReplayProgress } from "./replay-progress";
import { ReplayStatusBadge } from "./replay-status-badge";
import { targetText } from "./replays-table";

const eta = (s: number | null) => (s === null ? "–" : s < 90 ? `${s} s` : `${Math.round(s / 60)} min`);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 items-baseline gap-2">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** One replay: live progress, rate and ETA, failures, and pause / resume / cancel. */
export function ReplayJobView({ initial }: { initial: ReplayView }) {
  const { replay, live } = useReplayProgress(initial);
  const control = useReplayControl(replay.id);
  const s = replay.selection;
  const filters = [
    s.subject && `subject ${s.subject.op} "${s.subject.value}"`,
    s.source && `source ${s.source.op} "${s.source.value}"`,
    ...(s.extensions ?? []).map((e) => `${e.name} ${e.op} "${e.value}"`),
    ...(s.data ?? []).map((d) => `${d.path} ${d.op} "${d.value}"`),
  ].filter(Boolean);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-xs text-muted">
            <Link href={`/services/${replay.service}/replay`} className="hover:underline">
              {replay.service} · Replays
            </Link>
          </p>
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            Replay <ReplayStatusBadge status={replay.status} />
          </h1>
        </div>
        <div className="flex gap-2">
          {replay.status === "running" || replay.status === "queued" ? (
            <Button onClick={() => control.mutate("pause")} disabled={control.isPending}>
              Pause
            </Button>
          ) : null}
          {replay.status === "paused" ? (
            <Button onClick={() => control.mutate("resume")} disabled={control.isPending}>
              Resume
            </Button>
          ) : null}
          {["queued", "running", "paused"].includes(replay.status) ? (
            <Button variant="danger" onClick={() => control.mutate("cancel")} disabled={control.isPending}>
              Cancel
            </Button>
          ) : null}
        </div>
      </div>
      {control.error ? (
        <Notice tone="danger" title="That did not work">
          {control.error.message}
        </Notice>
      ) : null}
      <Card>
        <CardHeader
          title="Progress"
          description={
            live
              ? "Live"
              : replay.finishedAt
                ? `Finished ${formatDateTime(replay.finishedAt)}`
                : "Not updating"
          }
        />
        <CardBody className="space-y-3">
          <ReplayProgress replay={replay} />
          <dl className="grid gap-2 text-sm sm:grid-cols-3">
            <Fact label="Rate">{replay.ratePerSecond} events/s</Fact>
            <Fact label="ETA">{eta(replay.etaSeconds)}</Fact>
            <Fact label="Target">{targetText(replay)}</Fact>
          </dl>
          {replay.error ? (
            <Notice tone="danger" title="The replay failed">
              {replay.error}
            </Notice>
          ) : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="What is replayed" />
        <CardBody>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <Fact label="Types">
              <span className="font-mono text-xs">{s.types.join(", ")}</span>
            </Fact>
            <Fact label="Window (event time)">
              {formatDateTime(s.from)} → {formatDateTime(s.to)}
            </Fact>
            <Fact label="Filters">{filters.length ? filters.join("; ") : "none"}</Fact>
            <Fact label="Requested by">
              {replay.requestedBy}, {formatDateTime(replay.createdAt)}
            </Fact>
            <Fact label="Replay id">
              <code className="text-xs">{replay.id}</code> (every event carries it as <code>replayid</code>)
            </Fact>
          </dl>
        </CardBody>
      </Card>
      {replay.failures.length ? (
        <Card>
          <CardHeader
            title="Failed events"
            description="The first 20 events that could not be replayed, with the reason."
          />
          <CardBody>
            <ul className="space-y-1 text-sm">
              {replay.failures.map((f, i) => (
                <li key={i}>
                  <code className="text-xs">{f.originalId ?? "(no id)"}</code>: {f.reason}
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
