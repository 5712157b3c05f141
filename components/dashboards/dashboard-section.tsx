import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { DashboardResponse, SectionData } from "@/lib/dashboards/dashboard-response";
import { DashboardTile, DashboardTileSkeleton } from "./dashboard-tile";

export interface DashboardSectionProps {
  section: SectionData;
  window: DashboardResponse["window"];
  hidden: ReadonlySet<string>;
  onRetry: () => void;
  retrying: boolean;
}

/** A collapsible section: its header toggles a 12-column grid of tiles. */
export function DashboardSection({ section, window, hidden, onRetry, retrying }: DashboardSectionProps) {
  const [open, setOpen] = useState(!section.collapsed);
  const bodyId = `section-${section.id}`;
  const failed = section.tiles.filter((t) => t.error).length;
  return (
    <section aria-labelledby={`${bodyId}-title`} data-section={section.id}>
      <h2 id={`${bodyId}-title`} className="mb-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
          className="group -ml-1 inline-flex items-center gap-1.5 rounded px-1 py-0.5 text-sm font-semibold text-foreground hover:text-accent"
        >
          <svg
            viewBox="0 0 16 16"
            aria-hidden
            className={cn(
              "size-3.5 text-muted transition-transform group-hover:text-accent",
              open && "rotate-90",
            )}
            fill="none"
            stroke="currentColor"
            strokeWidth="1.75"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M6 3.5 10.5 8 6 12.5" />
          </svg>
          {section.title}
          <span className="text-xs font-normal text-muted">
            {section.tiles.length} {section.tiles.length === 1 ? "chart" : "charts"}
            {failed ? `, ${failed} failed` : ""}
          </span>
        </button>
      </h2>
      {open && (
        <div id={bodyId} className="grid grid-cols-12 gap-3">
          {section.tiles.map((tile) => (
            <DashboardTile
              key={tile.id}
              tile={tile}
              window={window}
              hidden={hidden}
              onRetry={onRetry}
              retrying={retrying}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/** The page's shape before the first response: three sections of placeholder tiles. */
export function DashboardSectionsSkeleton() {
  const shapes = [
    [6, 6],
    [4, 4, 4],
    [6, 6],
  ];
  return (
    <div className="space-y-6" aria-hidden>
      {shapes.map((widths, i) => (
        <div key={i} className="grid grid-cols-12 gap-3">
          {widths.map((w, j) => (
            <DashboardTileSkeleton key={j} width={w} />
          ))}
        </div>
      ))}
    </div>
  );
}
