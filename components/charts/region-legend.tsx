import { cn } from "@/components/ui/cn";
import { ALL_REGIONS } from "@/lib/dashboards/dashboard-response";
import { ALL_REGIONS_COLOR, regionColor } from "./region-colors";

export interface RegionLegendProps {
  /** The regions of the page's charts, in display order (ALL_REGIONS is added by the legend). */
  regions: string[];
  /** Hidden regions; ALL_REGIONS when the combined series is hidden. */
  hidden: ReadonlySet<string>;
  onToggle: (region: string) => void;
  className?: string;
}

/**
 * Toggles for the regions drawn on every chart of the page: a button per region (pressed = shown)
 * with the region's colour, and one for the combined "all regions" line. The page keeps `hidden`
 * in the URL (`?hide=us-east4`).
 */
export function RegionLegend({ regions, hidden, onToggle, className }: RegionLegendProps) {
  const items = [...regions.map((r) => ({ key: r, label: r, color: regionColor(r) }))];
  items.push({ key: ALL_REGIONS, label: "All regions", color: ALL_REGIONS_COLOR });
  return (
    <div
      role="group"
      aria-label="Regions on charts"
      className={cn("flex flex-wrap items-center gap-1.5", className)}
    >
      {items.map((item) => {
        const shown = !hidden.has(item.key);
        const all = item.key === ALL_REGIONS;
        return (
          <button
            key={item.key}
            type="button"
            aria-pressed={shown}
            data-region={item.key}
            title={shown ? `Hide ${item.label} on every chart` : `Show ${item.label} on every chart`}
            onClick={() => onToggle(item.key)}
            className={cn(
              "inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs font-medium transition-colors",
              shown
                ? "border-border bg-surface text-foreground shadow-xs hover:border-border-strong"
                : "border-dashed border-border bg-transparent text-muted line-through decoration-muted/60 hover:text-foreground",
            )}
          >
            <span
              aria-hidden
              className={cn("shrink-0 rounded-full", all ? "h-[3px] w-3.5" : "size-2.5")}
              style={{
                backgroundColor: shown ? item.color : "transparent",
                boxShadow: `inset 0 0 0 1.5px ${item.color}`,
              }}
            />
            <span className={all ? "" : "font-mono text-[11px]"}>{item.label}</span>
          </button>
        );
      })}
    </div>
  );
}
