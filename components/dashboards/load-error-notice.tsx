import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** A failed load or refresh: a warning over stale data, an error when there is none, and a retry. */
export function LoadErrorNotice({
  what,
  stale,
  message,
  retrying,
  onRetry,
  children,
}: {
  what: string;
  stale: boolean;
  message: string;
  retrying: boolean;
  onRetry: () => void;
  children?: ReactNode;
}) {
  return (
    <Notice tone={stale ? "warn" : "danger"} title={`Could not ${stale ? "refresh" : "load"} ${what}`}>
      <p>{message}</p>
      {children}
      <Button size="sm" className="mt-2" onClick={onRetry} disabled={retrying}>
        Retry
      </Button>
    </Notice>
  );
}
