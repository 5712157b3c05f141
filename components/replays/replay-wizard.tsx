"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ApiError } from "@/lib/query-client";
import { DEFAULT_RATE, type ReplayEstimate } from "@/lib/replays";
import { useReplayEstimate, useStartReplay } from "@/lib/hooks/use-replay";
import { EventDetail } from "@/components/events/event-detail";
import { lastHours, selectionOf, type ReplayForm } from "./replay-selection";

export interface ReplaySource {
  trigger: string;
  type: string;
}

function Problems({ error }: { error: unknown }) {
  if (!error) return null;
  const issues = error instanceof ApiError ? (error.body?.error.issues ?? []) : [];
  return (
    <Notice tone="danger" title={error instanceof Error ? error.message : "The request failed"}>
      {issues.length ? (
        <ul className="list-disc pl-5">
          {issues.map((i) => (
            <li key={i.field + i.rule}>
              <code>{i.field}</code> {i.rule}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

/**
 * The replay wizard: a recorded type this service receives and a window → filters → an estimate
 * (count, sample) → the target (its trigger by default; a region's whole broker only with the
 * service's name typed) → a rate → start. The server checks everything again.
 */
export function ReplayWizard({
  service,
  sources,
  regions,
  initialType,
}: {
  service: string;
  sources: ReplaySource[];
  regions: string[];
  initialType: string;
}) {
  const router = useRouter();
  const [form, setForm] = useState<ReplayForm>({
    type: initialType,
    ...lastHours(24),
    subjectPrefix: "",
    source: "",
    extension: "",
    dataField: "",
  });
  const [targetKind, setTargetKind] = useState<"trigger" | "broker">("trigger");
  const [region, setRegion] = useState(regions[0] ?? "");
  const [rate, setRate] = useState(String(DEFAULT_RATE));
  const [confirm, setConfirm] = useState("");
  const [estimate, setEstimate] = useState<ReplayEstimate | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const estimating = useReplayEstimate();
  const starting = useStartReplay();
  const set = (patch: Partial<ReplayForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setEstimate(null);
  };
  const trigger = sources.find((s) => s.type === form.type)?.trigger ?? "";
  const needsConfirm =
    targetKind === "broker" || (estimate !== null && estimate.count > estimate.confirmAbove);
  const body = () => ({
    service,
    selection: selectionOf(form),
    target: targetKind === "trigger" ? { kind: "trigger", trigger } : { kind: "broker", region },
    ratePerSecond: Number(rate),
    ...(needsConfirm ? { confirm } : {}),
  });

  return (
    <Card>
      <CardHeader
        title="New replay"
        description="Delivers recorded events again, ordered by event time, each marked with the replay's id (replayid) and the original id (replayedfrom)."
      />
      <CardBody className="space-y-5">
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Event type" htmlFor="replay-type" hint="Recorded types this service receives.">
            <Select id="replay-type" value={form.type} onChange={(e) => set({ type: e.target.value })}>
              {sources.map((s) => (
                <option key={s.trigger} value={s.type}>
                  {s.type}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="From (UTC, event time)" htmlFor="replay-from">
            <Input
              id="replay-from"
              type="datetime-local"
              value={form.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </Field>
          <Field label="To (UTC)" htmlFor="replay-to">
            <Input
              id="replay-to"
              type="datetime-local"
              value={form.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          </Field>
        </div>
        <div className="flex gap-2 text-xs">
          {[1, 6, 24].map((h) => (
            <Button key={h} size="sm" variant="ghost" onClick={() => set(lastHours(h))}>
              Last {h} h
            </Button>
          ))}
        </div>
        <fieldset className="grid gap-4 md:grid-cols-4">
          <legend className="mb-2 text-sm font-medium">Filters (optional)</legend>
          <Field label="Subject starts with" htmlFor="replay-subject">
            <Input
              id="replay-subject"
              value={form.subjectPrefix}
              onChange={(e) => set({ subjectPrefix: e.target.value })}
              className="font-mono"
            />
          </Field>
          <Field label="Source is" htmlFor="replay-source">
            <Input
              id="replay-source"
              value={form.source}
              onChange={(e) => set({ source: e.target.value })}
              className="font-mono"
            />
          </Field>
          <Field label="Extension" htmlFor="replay-extension" hint="name=value">
            <Input
              id="replay-extension"
              value={form.extension}
              onChange={(e) => set({ extension: e.target.value })}
              className="font-mono"
            />
          </Field>
          <Field label="Payload field" htmlFor="replay-data" hint="$.path=value">
            <Input
              id="replay-data"
              value={form.dataField}
              onChange={(e) => set({ dataField: e.target.value })}
              className="font-mono"
            />
          </Field>
        </fieldset>
        <div className="flex items-center gap-3">
          <Button
            onClick={() =>
              estimating.mutate(
                { service, selection: selectionOf(form), sampleSize: 3 },
                { onSuccess: setEstimate },
              )
            }
            disabled={estimating.isPending || !form.type}
          >
            {estimating.isPending ? "Estimating…" : "Estimate"}
          </Button>
          {estimate ? (
            <p className="text-sm" aria-live="polite" data-testid="replay-estimate">
              <strong className="tabular-nums">{estimate.count}</strong> events
              {estimate.bytesScanned !== null
                ? ` · ${(estimate.bytesScanned / 1e6).toFixed(1)} MB scanned`
                : ""}{" "}
              · from the {estimate.archive === "bigquery" ? "recorder's BigQuery tables" : "embedded archive"}
            </p>
          ) : null}
        </div>
        <Problems error={estimating.error} />
        {estimate && estimate.sample.length ? (
          <details className="rounded-md border border-border">
            <summary className="cursor-pointer px-3 py-2 text-sm">
              Sample ({estimate.sample.length}) as CloudEvents
            </summary>
            {estimate.sample.map((e) => (
              <EventDetail key={e.messageId} event={e} onCopied={() => {}} />
            ))}
          </details>
        ) : null}
        {estimate && estimate.count > 0 ? (
          <div className="space-y-4 border-t border-border pt-4">
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">Target</legend>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="target"
                  checked={targetKind === "trigger"}
                  onChange={() => setTargetKind("trigger")}
                />
                Only this service, through its trigger <code className="text-xs">{trigger}</code>
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="target"
                  checked={targetKind === "broker"}
                  onChange={() => setTargetKind("broker")}
                />
                The whole broker in
                <Select
                  aria-label="Broker region"
                  className="w-auto"
                  value={region}
                  onChange={(e) => setRegion(e.target.value)}
                  disabled={targetKind !== "broker"}
                >
                  {regions.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </Select>
                <span className="text-xs text-warn">
                  every matching trigger of every service receives the events
                </span>
              </label>
            </fieldset>
            <div className="grid gap-4 md:grid-cols-3">
              <Field
                label="Rate (events per second)"
                htmlFor="replay-rate"
                hint="Events are sent in time order at this pace."
              >
                <Input
                  id="replay-rate"
                  type="number"
                  min={0.1}
                  max={10000}
                  step="any"
                  value={rate}
                  onChange={(e) => setRate(e.target.value)}
                />
              </Field>
              {needsConfirm ? (
                <Field
                  label={`Type ${service} to confirm`}
                  htmlFor="replay-confirm"
                  hint={
                    targetKind === "broker"
                      ? "A broker replay reaches every matching trigger."
                      : `More than ${estimate.confirmAbove} events.`
                  }
                >
                  <Input
                    id="replay-confirm"
                    value={confirm}
                    onChange={(e) => setConfirm(e.target.value)}
                    className="font-mono"
                    autoComplete="off"
                  />
                </Field>
              ) : null}
            </div>
            <Button
              variant="primary"
              disabled={starting.isPending || (needsConfirm && confirm !== service)}
              onClick={() =>
                starting.mutate(
                  { body: body(), key },
                  { onSuccess: ({ id }) => router.push(`/replays/${id}`) },
                )
              }
            >
              {starting.isPending ? "Starting…" : `Replay ${estimate.count} events`}
            </Button>
            <Problems error={starting.error} />
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
