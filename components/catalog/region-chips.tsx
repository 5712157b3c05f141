import { Chip } from "@/components/ui/badge";

export function RegionChips({ regions }: { regions: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Regions">
      {regions.map((r) => (
        <li key={r}>
          <Chip>{r}</Chip>
        </li>
      ))}
    </ul>
  );
}
