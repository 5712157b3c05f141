import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/server/env";
import type { ReactNode } from "react";
import { Badge, Chip } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select, Textarea, describedBy } from "@/components/ui/field";
import { Kbd } from "@/components/ui/kbd";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import {
  SortableHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { TabNav } from "@/components/ui/tabs";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { DialogDemo, ToastDemo } from "./_components/preview-client";

export const metadata: Metadata = {
  title: "UI preview (development aid)",
  robots: { index: false },
};

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

export default async function UiPreviewPage({ searchParams }: Props) {
  // A development aid: it does not exist in production.
  if (env().MERIDIAN_MODE === "production") notFound();
  const params = await searchParams;
  const tab = typeof params.tab === "string" ? params.tab : "overview";
  const tabHref = (t: string) => `/ui-preview?tab=${t}`;

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">UI preview: development aid</h1>
          <p className="mt-1 text-muted">
            Every design-system primitive in <code className="font-mono text-xs">components/ui</code>, in
            every variant. Not part of the product.
          </p>
        </div>
        <ThemeToggle showLabel />
      </header>

      <Section title="Notices">
        <div className="flex flex-col gap-2">
          <Notice tone="info" title="Demo data">
            Metrics on this page are generated, not read from Cloud Monitoring.
          </Notice>
          <Notice tone="warn" title="This tab arrives with issue #5" />
          <Notice tone="danger" title="Could not load revisions">
            Cloud Run returned 503. Try again in a minute.
          </Notice>
        </div>
      </Section>

      <Section title="Buttons">
        {(["md", "sm"] as const).map((size) => (
          <div key={size} className="flex flex-wrap items-center gap-2">
            <Button variant="primary" size={size}>
              Deploy
            </Button>
            <Button size={size}>Secondary</Button>
            <Button variant="ghost" size={size}>
              Ghost
            </Button>
            <Button variant="danger" size={size}>
              Delete
            </Button>
            <Button size={size} disabled>
              Disabled
            </Button>
            <Button variant="primary" size={size} disabled>
              <Spinner label="" /> Deploying
            </Button>
            <ButtonLink href="/ui-preview" size={size}>
              ButtonLink
            </ButtonLink>
          </div>
        ))}
      </Section>

      <Section title="Badges, chips, keys, spinner">
        <div className="flex flex-wrap items-center gap-2">
          {(["neutral", "accent", "ok", "warn", "danger", "info"] as const).map((tone) => (
            <Badge key={tone} tone={tone}>
              {tone}
            </Badge>
          ))}
          <Badge tone="ok" dot>
            Serving
          </Badge>
          <Badge tone="warn" dot>
            Degraded
          </Badge>
          <Badge tone="danger" dot>
            Failing
          </Badge>
          <Badge dot>Unknown</Badge>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Chip>europe-west1</Chip>
          <Chip>us-central1</Chip>
          <Chip>asia-northeast1</Chip>
          <span className="ml-4 text-muted">
            Search <Kbd>⌘</Kbd> <Kbd>K</Kbd>
          </span>
          <span className="ml-4 inline-flex items-center gap-2 text-muted">
            <Spinner /> Loading…
          </span>
        </div>
      </Section>

      <Section title="Tab nav">
        <TabNav
          aria-label="Service sections"
          items={[
            { label: "Overview", href: tabHref("overview"), active: tab === "overview" },
            {
              label: "Revisions",
              href: tabHref("revisions"),
              active: tab === "revisions",
              badge: <Badge>12</Badge>,
            },
            {
              label: "Alerts",
              href: tabHref("alerts"),
              active: tab === "alerts",
              badge: <Badge tone="danger">2</Badge>,
            },
            { label: "Settings", href: tabHref("settings"), active: tab === "settings" },
          ]}
        />
      </Section>

      <Section title="Table with sortable headers">
        <PreviewTable params={params} />
      </Section>

      <Section title="Fields">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Service name" htmlFor="f-name" hint="Lowercase letters, digits and dashes.">
            <Input
              id="f-name"
              placeholder="checkout-api"
              aria-describedby={describedBy("f-name", { hint: 1 })}
            />
          </Field>
          <Field label="Max instances" htmlFor="f-max" error="Must be between 1 and 1000.">
            <Input id="f-max" type="number" defaultValue={0} invalid aria-describedby="f-max-error" />
          </Field>
          <Field label="Region" htmlFor="f-region">
            <Select id="f-region" defaultValue="europe-west1">
              <option>europe-west1</option>
              <option>us-central1</option>
            </Select>
          </Field>
          <Field label="Disabled" htmlFor="f-disabled">
            <Input id="f-disabled" disabled value="read-only value" />
          </Field>
          <Field label="Notes" htmlFor="f-notes" className="md:col-span-2">
            <Textarea id="f-notes" placeholder="Why are you rolling back?" />
          </Field>
        </div>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Dialog and toasts">
          <div className="flex flex-wrap gap-2">
            <DialogDemo />
          </div>
          <ToastDemo />
        </Section>
        <Section title="Skeletons">
          <div className="flex flex-col gap-2">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="w-full" />
            <Skeleton className="w-3/4" />
          </div>
        </Section>
      </div>

      <Section title="Card and empty state">
        <Card>
          <CardHeader
            title="Revisions"
            description="Traffic split across the latest revisions."
            actions={<Button size="sm">Refresh</Button>}
          />
          <CardBody className="p-0">
            <EmptyState
              title="No revisions yet"
              description="Deploy the service once and its revisions show up here."
              action={
                <ButtonLink href="/ui-preview" variant="primary" size="sm">
                  Deploy
                </ButtonLink>
              }
            />
          </CardBody>
        </Card>
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3">
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

const rows = [
  { name: "checkout-api", region: "europe-west1", status: "ok", p95: 182 },
  { name: "payments-worker", region: "us-central1", status: "warn", p95: 940 },
  { name: "search-indexer", region: "asia-northeast1", status: "danger", p95: 2310 },
  { name: "legacy-cron", region: "europe-west1", status: "unknown", p95: null },
] as const;

const statusBadge = {
  ok: (
    <Badge tone="ok" dot>
      Serving
    </Badge>
  ),
  warn: (
    <Badge tone="warn" dot>
      Degraded
    </Badge>
  ),
  danger: (
    <Badge tone="danger" dot>
      Failing
    </Badge>
  ),
  unknown: <Badge dot>Unknown</Badge>,
};

type Key = "name" | "p95";

export function PreviewTable({ params }: { params: Params }) {
  const sort: Key = params.sort === "p95" ? "p95" : "name";
  const dir = params.dir === "desc" ? "desc" : "asc";
  const href = (key: Key) => `/ui-preview?sort=${key}&dir=${sort === key && dir === "asc" ? "desc" : "asc"}`;
  const sorted = [...rows].sort((a, b) => {
    const cmp = sort === "name" ? a.name.localeCompare(b.name) : (a.p95 ?? Infinity) - (b.p95 ?? Infinity);
    return dir === "asc" ? cmp : -cmp;
  });

  return (
    <Table>
      <TableHead>
        <tr>
          <SortableHeader label="Service" href={href("name")} direction={sort === "name" ? dir : null} />
          <TableHeader>Region</TableHeader>
          <TableHeader>Status</TableHeader>
          <SortableHeader
            label="p95 latency"
            href={href("p95")}
            direction={sort === "p95" ? dir : null}
            align="end"
          />
        </tr>
      </TableHead>
      <TableBody>
        {sorted.map((row) => (
          <TableRow key={row.name}>
            <TableCell className="font-mono text-[13px]">{row.name}</TableCell>
            <TableCell>
              <Chip>{row.region}</Chip>
            </TableCell>
            <TableCell>{statusBadge[row.status]}</TableCell>
            <TableCell className="text-right tabular-nums">
              {row.p95 === null ? "—" : `${row.p95} ms`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
