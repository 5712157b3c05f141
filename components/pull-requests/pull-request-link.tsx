import Link from "next/link";
import type { ReactNode } from "react";
import { pullRequestHref } from "@/lib/scaffold/pull-request-href";

/** A link to a pull request: this portal's page for the local repository, GitHub's in a new tab. */
export function PullRequestLink({
  pullRequest,
  className,
  children,
}: {
  pullRequest: { number: number; url: string };
  className?: string;
  children?: ReactNode;
}) {
  const { href, external } = pullRequestHref(pullRequest);
  const label = children ?? `PR #${pullRequest.number}`;
  return external ? (
    <a href={href} target="_blank" rel="noreferrer" className={className}>
      {label}
      <span className="sr-only"> (on GitHub, opens in a new tab)</span>
    </a>
  ) : (
    <Link href={href} className={className}>
      {label}
    </Link>
  );
}
