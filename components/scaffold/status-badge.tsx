import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { FileStatus } from "@/lib/templates/types";

const tones: Record<FileStatus, BadgeTone> = { added: "ok", modified: "warn", unchanged: "neutral" };

/** A file's status against the target repository: added, modified or unchanged. */
export function StatusBadge({
  status,
  children,
  className,
}: {
  status: FileStatus;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <Badge tone={tones[status]} className={className}>
      {children ?? status}
    </Badge>
  );
}
