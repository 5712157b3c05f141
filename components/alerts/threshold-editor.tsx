"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy } from "@/components/ui/field";
import type { ServiceAlertPolicy } from "@/lib/alerts/alert-api";
import { formatAlertValue } from "@/lib/alerts/describe-policy";
import { useSetThreshold } from "@/lib/hooks/use-alerts";
import { ApiError } from "@/lib/query-client";

const thresholdUnits = {
  ratio: "a share from 0 to 1",
  count: "a count",
  factor: "× the error budget",
  ms: "ms",
  seconds: "seconds",
} as const;

/**
 * The service's threshold for one policy, editable by team members and admins: the server checks the
 * policy's rule and answers 422 naming it; what was typed stays in the field until it is saved.
 */
export function ThresholdEditor({
  service,
  policy,
  canEdit,
}: {
  service: string;
  policy: ServiceAlertPolicy;
  canEdit: boolean;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(String(policy.threshold));
  const mutation = useSetThreshold(service, policy.id);
  const error =
    mutation.error instanceof ApiError
      ? (mutation.error.body?.error.issues?.map((i) => i.rule).join("; ") ?? mutation.error.message)
      : mutation.error
        ? String(mutation.error.message)
        : undefined;

  const current = (
    <span className="font-mono tabular-nums">
      {formatAlertValue(policy.threshold, policy.format)}
      {policy.overridden ? (
        <span className="ml-1 text-xs text-muted">
          (default {formatAlertValue(policy.defaultThreshold, policy.format)})
        </span>
      ) : null}
    </span>
  );
  if (!canEdit || !editing)
    return (
      <div className="flex items-center gap-2 text-sm">
        <span className="text-muted">Threshold</span>
        {current}
        {canEdit ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setText(String(policy.threshold));
              mutation.reset();
              setEditing(true);
            }}
            aria-label={`Change the threshold of ${policy.title}`}
          >
            Change
          </Button>
        ) : null}
      </div>
    );

  function save(event: FormEvent) {
    event.preventDefault();
    // An empty or non-numeric entry goes to the server as typed, which names the rule it breaks.
    const value = text.trim() === "" ? Number.NaN : Number(text);
    mutation.mutate(Number.isNaN(value) ? text : value, {
      onSuccess: () => setEditing(false),
    });
  }

  return (
    <form onSubmit={save} className="flex flex-wrap items-start gap-2 text-sm" noValidate>
      <label htmlFor={id} className="pt-1 text-muted">
        Threshold ({thresholdUnits[policy.format]})
      </label>
      <div className="flex flex-col gap-1">
        <input
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { error })}
          className="h-8 w-32 rounded-md border border-border bg-surface px-2 font-mono text-sm"
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-xs text-danger">
            {error}
          </p>
        ) : null}
      </div>
      <Button size="sm" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Saving…" : "Save"}
      </Button>
      {policy.overridden ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate(null, { onSuccess: () => setEditing(false) })}
        >
          Use default
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </form>
  );
}
