import { cn } from "@/components/ui/cn";
import { CheckIcon, ErrorIcon } from "@/components/ui/icons";
import type { PreviewCheck } from "@/lib/templates/types";

/** Each check as a line that opens to its detail; failed checks start open. */
export function PreviewChecks({ checks }: { checks: PreviewCheck[] }) {
  return (
    <ul className="divide-y divide-border">
      {checks.map((check) => (
        <li key={check.name} data-testid="preview-check" data-ok={check.ok}>
          <details open={!check.ok} className="group">
            <summary
              className={cn(
                "flex cursor-pointer list-none items-center gap-2 px-4 py-2.5 text-sm hover:bg-surface-muted/60",
                "focus-visible:-outline-offset-2 [&::-webkit-details-marker]:hidden",
              )}
            >
              {check.ok ? (
                <CheckIcon className="size-4 shrink-0 text-ok" />
              ) : (
                <ErrorIcon className="size-4 shrink-0 text-danger" />
              )}
              <span className="min-w-0 flex-1 text-foreground">{check.name}</span>
              <span className={cn("text-xs font-medium", check.ok ? "text-ok" : "text-danger")}>
                {check.ok ? "Passed" : "Failed"}
              </span>
              <svg
                viewBox="0 0 16 16"
                aria-hidden
                fill="none"
                stroke="currentColor"
                strokeWidth="1.5"
                className="size-3.5 shrink-0 text-muted transition-transform group-open:rotate-90"
              >
                <path d="M6 3.5 10.5 8 6 12.5" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </summary>
            <pre className="mx-4 mb-3 overflow-x-auto rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap text-muted">
              {check.detail}
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
