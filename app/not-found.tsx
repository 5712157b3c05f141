import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      description="Nothing lives at this address."
      action={
        <Link href="/" className="text-sm text-accent underline">
          Back to the catalog
        </Link>
      }
    />
  );
}
