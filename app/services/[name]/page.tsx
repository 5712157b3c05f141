import Link from "next/link";
import { DashboardView } from "@/components/dashboards/dashboard-view";
import { DEFAULT_DASHBOARD_RANGE, hiddenParam, rangeParams } from "@/components/dashboards/dashboard-url";
import { Notice } from "@/components/ui/notice";
import { dashboardQuery } from "@/lib/dashboards/dashboard-query";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The Health tab: the service's dashboard. The layout has already checked that the service exists. */
export default async function HealthTab({ params, searchParams }: Props) {
  const [{ name }, search] = await Promise.all([params, searchParams]);
  const parsed = dashboardQuery.safeParse(rangeParams(search));
  if (!parsed.success) {
    return (
      <Notice tone="danger" title="This dashboard link has a bad time range">
        <ul className="list-disc pl-5">
          {parsed.error.issues.map((issue) => (
            <li key={issue.path.join(".") + issue.message}>
              <code>{issue.path.join(".")}</code> {issue.message}
            </li>
          ))}
        </ul>
        <Link className="mt-2 inline-block text-accent underline" href={`/services/${name}`}>
          Show the last {DEFAULT_DASHBOARD_RANGE}
        </Link>
      </Notice>
    );
  }
  const { range, from, to } = parsed.data;
  return (
    <DashboardView
      key={name}
      service={name}
      initial={{ range: range ?? DEFAULT_DASHBOARD_RANGE, from, to, hide: hiddenParam(search) }}
    />
  );
}
