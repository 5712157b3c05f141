import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import {
  SortableHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { kindLabels, type CatalogSort } from "@/lib/catalog";
import type { ServiceSummary } from "@/lib/catalog-types";
import { catalogHref, type catalogParams } from "@/lib/catalog-url";
import { formatDate } from "@/lib/format";
import { LifecycleBadge } from "./lifecycle-badge";
import { RegionChips } from "./region-chips";

type Params = ReturnType<typeof catalogParams>;

/** The services table; with `params` its headers sort the catalog, without them they are plain. */
export function CatalogTable({
  items,
  params,
  label = "Services",
}: {
  items: ServiceSummary[];
  params?: Params;
  label?: string;
}) {
  const sortHeader = (column: CatalogSort, label: string) => {
    if (!params) return <TableHeader>{label}</TableHeader>;
    const active = params.sort === column;
    const direction = active ? (params.dir as "asc" | "desc") : null;
    const nextDir = active && params.dir === "asc" ? "desc" : "asc";
    return (
      <SortableHeader
        label={label}
        direction={direction}
        href={catalogHref(params, { sort: column, dir: nextDir })}
      />
    );
  };
  return (
    <Table aria-label={label}>
      <TableHead>
        <TableRow>
          {sortHeader("name", "Name")}
          {sortHeader("team", "Team")}
          {sortHeader("kind", "Kind")}
          <TableHeader>Regions</TableHeader>
          {sortHeader("lifecycle", "Lifecycle")}
          {sortHeader("created", "Created")}
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((s) => (
          <TableRow key={s.name}>
            <TableCell>
              <div className="flex items-center gap-2">
                <Link
                  href={`/services/${s.name}`}
                  className="font-mono text-sm font-medium text-accent hover:underline"
                >
                  {s.name}
                </Link>
                {s.isDemo ? (
                  <Badge tone="warn" title="Part of the seeded demo fleet">
                    demo
                  </Badge>
                ) : null}
              </div>
              <p className="mt-0.5 line-clamp-1 max-w-md text-xs text-muted">{s.description}</p>
            </TableCell>
            <TableCell>
              <Link href={`/teams/${s.team.name}`} className="hover:underline">
                {s.team.displayName}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap">{kindLabels[s.kind]}</TableCell>
            <TableCell>
              <RegionChips regions={s.regions} />
            </TableCell>
            <TableCell>
              <LifecycleBadge lifecycle={s.lifecycle} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted">
              <time dateTime={s.createdAt}>{formatDate(s.createdAt)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
