import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function TemplateNotFound() {
  return (
    <EmptyState
      title="No such template"
      description="There is no template by this name. Pick one from the gallery."
      action={
        <Link href="/new" className="text-sm text-accent underline">
          All templates
        </Link>
      }
    />
  );
}
