import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { ErrorIcon, InfoIcon, WarnIcon } from "./icons";

export type NoticeTone = "info" | "warn" | "danger";

const tones: Record<NoticeTone, { box: string; icon: ReactNode }> = {
  info: { box: "border-info/25 bg-info/5", icon: <InfoIcon className="size-4 text-info" /> },
  warn: { box: "border-warn/30 bg-warn/6", icon: <WarnIcon className="size-4 text-warn" /> },
  danger: { box: "border-danger/30 bg-danger/5", icon: <ErrorIcon className="size-4 text-danger" /> },
};

export type NoticeProps = Omit<ComponentProps<"div">, "title"> & {
  tone: NoticeTone;
  title: ReactNode;
  children?: ReactNode;
};

/** A static banner: "Demo data", "This tab arrives with issue #5", a failed load. */
export function Notice({ tone, title, children, className, ...props }: NoticeProps) {
  const { box, icon } = tones[tone];
  return (
    <div className={cn("flex gap-2.5 rounded-lg border px-3.5 py-2.5 text-sm", box, className)} {...props}>
      <span className="mt-0.5 shrink-0">{icon}</span>
      <div className="min-w-0">
        <p className="font-medium text-foreground">{title}</p>
        {children && <div className="mt-0.5 text-muted">{children}</div>}
      </div>
    </div>
  );
}
