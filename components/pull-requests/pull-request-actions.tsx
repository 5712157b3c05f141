"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useClosePullRequest, useMergePullRequest } from "@/lib/hooks/use-pull-request-actions";

/**
 * Merge and Close for a local pull request the signed-in person may change (the server checks
 * again). Close asks first: it retires the proposed service. Either way the page renders again
 * from the server with the new state.
 */
export function PullRequestActions({ number, serviceName }: { number: number; serviceName: string | null }) {
  const router = useRouter();
  const toast = useToast();
  const merge = useMergePullRequest(number);
  const close = useClosePullRequest(number);
  const [confirming, setConfirming] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const busy = merge.isPending || close.isPending || refreshing;
  const error = merge.error ?? close.error;

  const done = (title: string) => {
    toast({ title, tone: "ok" });
    startRefresh(() => router.refresh());
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center gap-2">
        <Button
          onClick={() => {
            merge.reset();
            close.reset();
            setConfirming(true);
          }}
          disabled={busy}
        >
          Close
        </Button>
        <Button
          variant="primary"
          onClick={() => {
            close.reset();
            merge.mutate(undefined, { onSuccess: () => done(`Merged pull request #${number}`) });
          }}
          disabled={busy}
        >
          {merge.isPending || (refreshing && merge.isSuccess) ? "Merging…" : "Merge"}
        </Button>
      </div>
      {error ? (
        <Notice
          tone="danger"
          title={merge.error ? "Could not merge" : "Could not close"}
          className="max-w-md"
        >
          {error.message}
        </Notice>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Close pull request #${number}?`}
        description="It is closed without merging. The branch stays in the repository."
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it open
            </Button>
            <Button
              variant="danger"
              disabled={close.isPending}
              onClick={() =>
                close.mutate(undefined, {
                  onSuccess: () => {
                    setConfirming(false);
                    done(`Closed pull request #${number}`);
                  },
                  onError: () => setConfirming(false),
                })
              }
            >
              {close.isPending ? "Closing…" : "Close pull request"}
            </Button>
          </>
        }
      >
        {serviceName ? (
          <p>
            The proposed service <strong className="font-mono">{serviceName}</strong> is retired in the
            catalog.
          </p>
        ) : null}
      </Dialog>
    </div>
  );
}
