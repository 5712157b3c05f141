import Link from "next/link";
import { LifecycleBadge } from "@/components/catalog/lifecycle-badge";
import { PullRequestLink } from "@/components/pull-requests/pull-request-link";
import { RegionChips } from "@/components/catalog/region-chips";
import { FiringCount } from "@/components/alerts/firing-count";
import { Badge } from "@/components/ui/badge";
import { kindLabels } from "@/lib/catalog";
import type { ServiceDetail } from "@/lib/catalog-types";
import { EditServiceButton } from "./edit-service-dialog";

export function ServiceHeader({ service, canEdit }: { service: ServiceDetail; canEdit: boolean }) {
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/" className="hover:text-foreground">
          Catalog
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/teams/${service.team.name}`} className="hover:text-foreground">
          {service.team.displayName}
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="font-mono text-2xl font-semibold tracking-tight">{service.name}</h1>
            <LifecycleBadge lifecycle={service.lifecycle} />
            {service.lifecycle === "merged" || service.lifecycle === "live" ? (
              <FiringCount service={service.name} />
            ) : null}
            {service.pullRequest ? (
              <PullRequestLink
                pullRequest={service.pullRequest}
                className="inline-flex h-5 items-center gap-1 rounded-full border border-border px-2 text-xs font-medium text-accent hover:border-accent/40 hover:bg-accent/8"
              >
                <PullRequestIcon />
                PR #{service.pullRequest.number}
              </PullRequestLink>
            ) : null}
            {service.isDemo ? (
              <Badge tone="warn" title="Part of the seeded demo fleet: its data is demo data">
                demo
              </Badge>
            ) : null}
          </div>
          <p className="max-w-3xl text-sm text-muted">{service.description || "No description yet."}</p>
        </div>
        {canEdit ? <EditServiceButton service={service} /> : null}
      </div>
      <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <HeaderFact label="Team">
          <Link href={`/teams/${service.team.name}`} className="text-accent hover:underline">
            {service.team.displayName}
          </Link>
        </HeaderFact>
        <HeaderFact label="Kind">{kindLabels[service.kind]}</HeaderFact>
        <HeaderFact label="Product">{service.product}</HeaderFact>
        <HeaderFact label="Regions">
          <RegionChips regions={service.regions} />
        </HeaderFact>
        <HeaderFact label="Source">
          <span className="font-mono text-xs">
            {service.repository}/{service.path}
          </span>
        </HeaderFact>
        {service.scaffoldRunId ? (
          <HeaderFact label="Created by">
            <Link href={`/runs/${service.scaffoldRunId}`} className="text-accent hover:underline">
              scaffold run {service.scaffoldRunId.slice(0, 8)}
            </Link>
          </HeaderFact>
        ) : null}
      </dl>
    </header>
  );
}

function PullRequestIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      className="size-3"
    >
      <circle cx="4" cy="3.5" r="1.5" />
      <circle cx="4" cy="12.5" r="1.5" />
      <circle cx="12" cy="12.5" r="1.5" />
      <path d="M4 5v6M12 11V6.5A2 2 0 0 0 10 4.5H7.5M9 3 7.5 4.5 9 6" />
    </svg>
  );
}

function HeaderFact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      <dt className="text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
