import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ServiceNotFound() {
  return (
    <EmptyState
      title="No such service"
      description="There is no service by this name in the catalog. It may have been renamed, or the link has a typo."
      action={
        <Link href="/" className="text-sm text-accent underline">
          Back to the catalog
        </Link>
      }
    />
  );
}
