import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function RunNotFound() {
  return (
    <EmptyState
      title="No such run"
      description="There is no scaffold run with this id. The link may be incomplete."
      action={
        <Link href="/runs" className="text-sm text-accent underline">
          All runs
        </Link>
      }
    />
  );
}
