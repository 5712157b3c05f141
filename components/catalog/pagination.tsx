import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = (target: number, label: string, disabled: boolean) =>
    disabled ? (
      <span className="rounded-md border border-border px-3 py-1.5 text-sm text-muted opacity-50">
        {label}
      </span>
    ) : (
      <Link
        href={hrefFor(target)}
        className={cn("rounded-md border border-border px-3 py-1.5 text-sm hover:bg-surface-muted")}
      >
        {label}
      </Link>
    );
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-muted">
      <span>
        {first}–{last} of {total}
      </span>
      <div className="flex gap-2">
        {link(page - 1, "Previous", page <= 1)}
        {link(page + 1, "Next", page >= pages)}
      </div>
    </nav>
  );
}
