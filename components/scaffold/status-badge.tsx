import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ViewedFile } from "@/lib/scaffold/viewed-file";

const tones: Record<ViewedFile["status"], BadgeTone> = {
  added: "ok",
  modified: "warn",
  unchanged: "neutral",
  deleted: "danger",
};

/** A file's status against the target repository: added, modified, unchanged or (in a pull request) deleted. */
export function StatusBadge({
  status,
  children,
  className,
}: {
  status: ViewedFile["status"];
  children?: ReactNode;
  className?: string;
}) {
  return (
    <Badge tone={tones[status]} className={className}>
      {children ?? status}
    </Badge>
  );
}
