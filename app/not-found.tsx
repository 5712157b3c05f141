import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      description="Nothing lives at this address."
      action={
        <a href="/" className="text-sm text-accent underline">
          Back to the catalog
        </a>
      }
    />
  );
}
