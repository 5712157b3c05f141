import { cn } from "@/components/ui/cn";
import { dashboardRanges, type DashboardRange } from "@/lib/dashboards/dashboard-response";

const rangeNames: Record<DashboardRange, string> = {
  "1h": "Last hour",
  "6h": "Last 6 hours",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
};

/**
 * The preset windows as a segmented control (buttons with aria-pressed). `value` is null while an
 * explicit from/to window is shown: then no preset is pressed.
 */
export function RangePicker({
  value,
  onChange,
  className,
}: {
  value: DashboardRange | null;
  onChange: (range: DashboardRange) => void;
  className?: string;
}) {
  return (
    <div
      role="group"
      aria-label="Time range"
      className={cn("inline-flex rounded-md border border-border bg-surface-muted p-0.5", className)}
    >
      {dashboardRanges.map((range) => {
        const active = range === value;
        return (
          <button
            key={range}
            type="button"
            aria-pressed={active}
            title={rangeNames[range]}
            onClick={() => onChange(range)}
            className={cn(
              "h-6 rounded px-2.5 font-mono text-xs font-medium transition-colors",
              active ? "bg-surface text-foreground shadow-xs" : "text-muted hover:text-foreground",
            )}
          >
            {range}
          </button>
        );
      })}
    </div>
  );
}
