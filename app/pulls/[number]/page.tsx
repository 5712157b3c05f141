import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { LifecycleBadge } from "@/components/catalog/lifecycle-badge";
import { PullRequestActions } from "@/components/pull-requests/pull-request-actions";
import { PullRequestBody } from "@/components/pull-requests/pull-request-body";
import { PullRequestFiles } from "@/components/pull-requests/pull-request-files";
import { PullRequestStateBadge } from "@/components/pull-requests/pull-request-state-badge";
import { Chip } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import type { ServiceDetail } from "@/lib/catalog-types";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { pullRequestParams } from "@/lib/pull-requests";
import { getDb } from "@/server/db/client";
import { getService } from "@/server/services/catalog/get-service";
import { currentActor } from "@/server/services/identity/current-actor";
import { getPullRequest } from "@/server/services/pull-requests/pull-request-view";

type Params = Promise<{ number: string }>;

const loadPullRequest = cache(async (raw: string) => {
  const parsed = pullRequestParams.safeParse({ number: raw });
  if (!parsed.success || String(parsed.data.number) !== raw) notFound();
  const db = await getDb();
  try {
    const pr = await getPullRequest(db, await currentActor(), parsed.data.number);
    const service: ServiceDetail | null = pr.serviceName
      ? await getService(db, pr.serviceName).catch(() => null)
      : null;
    return { pr, service };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { pr } = await loadPullRequest((await params).number);
  return { title: `#${pr.number} ${pr.title}` };
}

/**
 * A pull request the portal opened. The local repository's are reviewed here (the changes as a
 * diff, merge and close); a GitHub pull request shows its summary and a link to GitHub.
 */
export default async function PullRequestPage({ params }: { params: Params }) {
  const { pr, service } = await loadPullRequest((await params).number);
  const local = pr.provider === "local";
  return (
    <div className="space-y-4">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          {service ? (
            <>
              <Link href={`/services/${service.name}`} className="hover:text-foreground hover:underline">
                {service.name}
              </Link>{" "}
              <span aria-hidden>/</span>{" "}
            </>
          ) : null}
          Pull request #{pr.number}
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-2">
            <h1 className="text-xl font-semibold tracking-tight">
              {pr.title} <span className="font-normal text-muted">#{pr.number}</span>
            </h1>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm text-muted">
              <PullRequestStateBadge state={pr.state} />
              <span>
                <code className="text-xs text-foreground">{pr.branch}</code> →{" "}
                <code className="text-xs text-foreground">{pr.base}</code>
              </span>
              <span>
                opened by {pr.createdBy} on{" "}
                <time dateTime={pr.createdAt}>{formatDateTime(pr.createdAt)}</time>
              </span>
            </div>
            {pr.labels.length ? (
              <ul aria-label="Labels" className="flex flex-wrap gap-1.5">
                {pr.labels.map((label) => (
                  <li key={label}>
                    <Chip>{label}</Chip>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          {pr.canMerge ? <PullRequestActions number={pr.number} serviceName={pr.serviceName} /> : null}
        </div>
      </header>

      {pr.state === "merged" ? (
        <Notice tone="info" title={`Merged into ${pr.base}`} data-testid="pull-request-merged">
          Merged by {pr.mergedBy ?? "someone"}
          {pr.mergedAt ? (
            <>
              {" "}
              at <time dateTime={pr.mergedAt}>{formatDateTime(pr.mergedAt)}</time>
            </>
          ) : null}
          .{" "}
          {service ? (
            <>
              <Link href={`/services/${service.name}`} className="text-accent underline">
                {service.name}
              </Link>{" "}
              is now <LifecycleBadge lifecycle={service.lifecycle} />.
            </>
          ) : null}
        </Notice>
      ) : pr.state === "closed" ? (
        <Notice tone="warn" title="Closed without merging">
          {service ? (
            <>
              The proposed service{" "}
              <Link href={`/services/${service.name}`} className="text-accent underline">
                {service.name}
              </Link>{" "}
              is retired in the catalog.
            </>
          ) : (
            "Nothing was merged."
          )}
        </Notice>
      ) : local && !pr.canMerge ? (
        <Notice tone="info" title="Waiting for review">
          Members of the team that owns {pr.serviceName ?? "the service"} (and admins) can merge or close it.
        </Notice>
      ) : null}

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <CardHeader title="Description" />
          <CardBody>
            <PullRequestBody body={pr.body} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="About" />
          <dl className="space-y-2 px-4 py-3 text-sm">
            <div>
              <dt className="text-muted">Repository</dt>
              <dd>{local ? "The portal's local repository" : "GitHub"}</dd>
            </div>
            {service ? (
              <div>
                <dt className="text-muted">Service</dt>
                <dd className="flex items-center gap-2">
                  <Link href={`/services/${service.name}`} className="font-mono text-accent hover:underline">
                    {service.name}
                  </Link>
                  <LifecycleBadge lifecycle={service.lifecycle} />
                </dd>
              </div>
            ) : null}
            {service?.scaffoldRunId ? (
              <div>
                <dt className="text-muted">Opened by</dt>
                <dd>
                  <Link href={`/runs/${service.scaffoldRunId}`} className="text-accent hover:underline">
                    scaffold run {service.scaffoldRunId.slice(0, 8)}
                  </Link>
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-muted">Head</dt>
              <dd>
                <code className="text-xs">{pr.headSha.slice(0, 12)}</code>
              </dd>
            </div>
          </dl>
        </Card>
      </div>

      {local ? (
        <PullRequestFiles files={pr.files} base={pr.base} />
      ) : (
        <Card className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="text-sm text-muted">
            This pull request lives on GitHub: review the changes, merge or close it there. The catalog
            follows it.
          </p>
          <a href={pr.url} target="_blank" rel="noreferrer" className={buttonClasses({ variant: "primary" })}>
            Open on GitHub
          </a>
        </Card>
      )}
    </div>
  );
}
