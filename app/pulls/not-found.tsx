import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function PullRequestNotFound() {
  return (
    <EmptyState
      title="No such pull request"
      description="The portal opened no pull request with this number in its repository."
      action={
        <Link href="/runs" className="text-sm text-accent underline">
          All runs
        </Link>
      }
    />
  );
}
