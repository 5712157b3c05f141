"use client";

import { useLayoutEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { RunLogLine } from "@/lib/scaffold-runs";
import { clockTime } from "./duration";

const levelClass: Record<RunLogLine["level"], { label: string; row: string }> = {
  info: { label: "text-muted", row: "" },
  warn: { label: "text-warn", row: "bg-warn/6" },
  error: { label: "text-danger", row: "bg-danger/6" },
};

/** How close to the bottom (px) still counts as following the log. */
const FOLLOW_SLACK = 32;

/**
 * The run's log, monospace, newest at the bottom. It follows new lines while the reader is at the
 * bottom, and stays put once they scroll up to read.
 */
export function RunLog({ lines, live }: { lines: RunLogLine[]; live: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const element = box.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [lines.length]);

  return (
    <div
      ref={box}
      role="log"
      aria-label="Run log"
      tabIndex={0}
      onScroll={(event) => {
        const e = event.currentTarget;
        following.current = e.scrollHeight - e.scrollTop - e.clientHeight < FOLLOW_SLACK;
      }}
      className="max-h-[28rem] min-h-40 overflow-auto bg-surface-muted/60 py-2 font-mono text-xs leading-5"
    >
      {lines.length === 0 ? (
        <p className="px-4 text-muted">{live ? "Waiting for the first line…" : "No log lines."}</p>
      ) : (
        <ol>
          {lines.map((line) => (
            <li
              key={line.id}
              data-level={line.level}
              className={cn("flex gap-3 px-4", levelClass[line.level].row)}
            >
              <time dateTime={line.at} className="shrink-0 text-muted select-none">
                {clockTime(line.at)}
              </time>
              <span className={cn("w-10 shrink-0 uppercase select-none", levelClass[line.level].label)}>
                {line.level}
              </span>
              <span className="min-w-0 break-words whitespace-pre-wrap text-foreground">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
