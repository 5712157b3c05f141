"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** A failing page never shows a stack trace: a plain message, the digest to quote, and a retry. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Notice tone="danger" title="This page could not be loaded">
      <p>
        Something went wrong on our side; it has been logged
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button className="mt-3" size="sm" onClick={reset}>
        Try again
      </Button>
    </Notice>
  );
}
