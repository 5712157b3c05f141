import { cn } from "@/components/ui/cn";

const steps = [
  { id: "form", label: "Answer" },
  { id: "preview", label: "Preview the files" },
  { id: "pr", label: "Open a pull request" },
] as const;

/** Where the wizard is: answers, preview, and the pull request (once its run started). */
export function WizardSteps({ step }: { step: (typeof steps)[number]["id"] }) {
  const current = steps.findIndex((s) => s.id === step);
  return (
    <ol aria-label="Steps" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      {steps.map((s, index) => (
        <li
          key={s.id}
          className="flex items-center gap-2"
          aria-current={index === current ? "step" : undefined}
        >
          {index > 0 && <span aria-hidden className="h-px w-6 bg-border-strong" />}
          <span
            className={cn(
              "flex size-5 items-center justify-center rounded-full border text-[11px] font-semibold",
              index === current && "border-accent bg-accent text-accent-foreground",
              index < current && "border-accent/40 bg-accent/10 text-accent",
              index > current && "border-border text-muted",
            )}
          >
            {index + 1}
          </span>
          <span className={cn(index === current ? "font-medium text-foreground" : "text-muted")}>
            {s.label}
          </span>
        </li>
      ))}
    </ol>
  );
}
