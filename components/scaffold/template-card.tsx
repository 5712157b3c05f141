import Link from "next/link";
import { Badge, Chip } from "@/components/ui/badge";
import { kindLabels } from "@/lib/catalog";
import type { TemplateSummary } from "@/lib/templates/types";
import { KindIcon } from "./kind-icon";

/** One template in the gallery; the whole card opens its form. */
export function TemplateCard({ template }: { template: TemplateSummary }) {
  return (
    <li className="group relative flex flex-col gap-3 rounded-lg border border-border bg-surface p-4 shadow-xs transition-colors focus-within:border-accent hover:border-border-strong hover:bg-surface-muted/40">
      <div className="flex items-start gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-accent/20 bg-accent/8 text-accent">
          <KindIcon kind={template.kind} className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold tracking-tight text-foreground">
            <Link
              href={`/new/${template.id}`}
              className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none"
            >
              {template.title}
            </Link>
          </h2>
          <div className="mt-1 flex flex-wrap items-center gap-1.5">
            <Badge tone="accent">{kindLabels[template.kind]}</Badge>
            <Chip>v{template.version}</Chip>
          </div>
        </div>
        <svg
          viewBox="0 0 16 16"
          aria-hidden
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          className="mt-1 size-4 shrink-0 text-muted transition-transform group-hover:translate-x-0.5 group-hover:text-accent"
        >
          <path d="M3 8h10M9 4l4 4-4 4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <p className="text-sm leading-6 text-muted">{template.description}</p>
    </li>
  );
}
