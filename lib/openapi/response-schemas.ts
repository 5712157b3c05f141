import { z } from "zod";
import type { AuditEntryView } from "../audit";
import { lifecycles, serviceKinds } from "../catalog";
import type {
  Page,
  ServiceDetail,
  ServiceSummary,
  TeamDetail,
  TeamRef,
  TeamSummary,
  TriggerFilter,
  TriggerInfo,
} from "../catalog-types";
import {
  dashboardRanges,
  type DashboardResponse,
  type RegionHealth,
  type SeriesData,
  type TileData,
  type DashboardTerraform,
} from "../dashboards/dashboard-response";
import type { FleetHealth } from "../dashboards/fleet-health";
import { errorStatus, type ErrorBody, type ErrorCode, type FieldIssue } from "../errors";
import type { Actor } from "../identity";

// Zod mirrors of the API's response shapes (lib/catalog-types.ts, lib/errors.ts, lib/identity.ts,
// lib/audit.ts), used only to generate the OpenAPI document (lib/openapi/). The handlers return
// the TypeScript interfaces; the `Same` checks at the bottom fail the typecheck when a mirror and
// its interface drift apart. Request schemas are not mirrored: the document uses lib/catalog.ts's.

/**
 * The documentation registry: entries with an `id` become `#/components/schemas/<id>`, and
 * descriptions live here too (not in zod's global registry), so `z.toJSONSchema(apiSchemas,
 * { metadata: apiSchemas })` sees both. Kept private to the API document.
 */
export const apiSchemas = z.registry<{ id?: string; description?: string }>();

/** Attaches a description for the API document. */
export const doc = <T extends z.ZodType>(schema: T, description: string): T => {
  apiSchemas.add(schema, { description });
  return schema;
};

const isoDateTime = z.iso.datetime();

export const teamRefSchema = z.object({ name: z.string(), displayName: z.string() });
apiSchemas.add(teamRefSchema, { id: "TeamRef", description: "A team as other resources refer to it." });

export const serviceSummarySchema = z.object({
  name: doc(z.string(), "Cloud Run service name; unique in the catalog."),
  team: teamRefSchema,
  product: z.string(),
  description: z.string(),
  kind: z.enum(serviceKinds),
  regions: z.array(z.string()),
  lifecycle: z.enum(lifecycles),
  isDemo: doc(z.boolean(), "Seeded demo data rather than a real service."),
  createdAt: isoDateTime,
});
apiSchemas.add(serviceSummarySchema, {
  id: "ServiceSummary",
  description: "A catalog entry as lists show it.",
});

export const triggerFilterSchema = z.object({
  exact: z.record(z.string(), z.string()).optional(),
  prefix: z.record(z.string(), z.string()).optional(),
  has: z.array(z.string()).optional(),
  notHas: z.array(z.string()).optional(),
  not: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
});
apiSchemas.add(triggerFilterSchema, {
  id: "TriggerFilter",
  description: "CloudEvent attribute filter of a trigger; every clause must hold (AND).",
});

export const triggerInfoSchema = z.object({
  name: z.string(),
  type: z.string(),
  filter: triggerFilterSchema,
});
apiSchemas.add(triggerInfoSchema, { id: "TriggerInfo", description: "An event subscription of a service." });

export const serviceDetailSchema = serviceSummarySchema.extend({
  ingress: z.string(),
  egress: z.string(),
  scaling: z.object({ minInstances: z.number().int(), maxInstances: z.number().int() }),
  repository: z.string(),
  path: z.string(),
  template: z.object({ id: z.string(), version: z.string().nullable() }).nullable(),
  pullRequest: doc(
    z.object({ number: z.number().int(), url: z.string() }).nullable(),
    "The pull request that proposed the service, when it was created through Meridian.",
  ),
  scaffoldRunId: doc(z.string().nullable(), "The scaffold run that created the service."),
  createdBy: z.string(),
  updatedAt: isoDateTime,
  publishes: z.array(z.object({ type: z.string(), description: z.string(), recorded: z.boolean() })),
  triggers: z.array(triggerInfoSchema),
});
apiSchemas.add(serviceDetailSchema, {
  id: "ServiceDetail",
  description: "One service with its runtime settings and events.",
});

const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: doc(z.number().int(), "Matching items across all pages."),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const servicePageSchema = pageSchema(serviceSummarySchema);
apiSchemas.add(servicePageSchema, { id: "ServicePage", description: "One page of catalog search results." });

export const teamSummarySchema = teamRefSchema.extend({
  description: z.string(),
  chatChannel: z.string().nullable(),
  serviceCount: z.number().int(),
  memberCount: z.number().int(),
});
apiSchemas.add(teamSummarySchema, { id: "TeamSummary", description: "A team as the team list shows it." });

export const teamListSchema = z.object({ items: z.array(teamSummarySchema) });
apiSchemas.add(teamListSchema, { id: "TeamList", description: "Every team, by name (not paged)." });

export const teamDetailSchema = teamSummarySchema.extend({
  members: z.array(z.object({ email: z.string(), name: z.string() })),
  services: z.array(serviceSummarySchema),
});
apiSchemas.add(teamDetailSchema, {
  id: "TeamDetail",
  description: "One team with its members and services.",
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  actor: doc(z.string(), "Email of the person who acted."),
  action: doc(z.string(), "What was done, e.g. `service.update`."),
  details: doc(z.unknown(), "Action-specific; `service.update` records `{ from, to }`."),
});
apiSchemas.add(auditEntrySchema, { id: "AuditEntry", description: "One entry of the audit trail." });

export const activityListSchema = z.object({ items: z.array(auditEntrySchema) });
apiSchemas.add(activityListSchema, {
  id: "ActivityList",
  description: "A service's audit trail, newest first (at most 100).",
});

export const actorSchema = z.object({
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  teams: doc(z.array(z.string()), "Names of the teams the person is a member of."),
});
apiSchemas.add(actorSchema, {
  id: "Actor",
  description: "The person behind a request, as the portal sees them.",
});

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  mode: z.enum(["embedded", "production"]),
  database: z.object({
    status: z.enum(["ok", "error"]),
    kind: z.enum(["pglite", "postgres"]),
    latencyMs: z.number().optional(),
    error: z.string().optional(),
  }),
});
apiSchemas.add(healthSchema, { id: "Health", description: "Liveness and database status." });

export const devSessionSchema = z.object({
  current: doc(z.string(), "Email of the person you are acting as."),
  users: z.array(actorSchema),
});
apiSchemas.add(devSessionSchema, {
  id: "DevSession",
  description: "Embedded mode: who you are and whom you can act as.",
});

export const devSessionSwitchedSchema = z.object({ email: z.string() });
apiSchemas.add(devSessionSwitchedSchema, {
  id: "DevSessionSwitched",
  description: "The (lower-cased) email now acted as.",
});

const nullableNumber = () => z.number().nullable();

export const regionHealthSchema = z.object({
  region: z.string(),
  requestsPerSecond: doc(nullableNumber(), "Mean over the window's last 10 steps, all response classes."),
  errorRatio: doc(nullableNumber(), "5xx responses / all responses (0-1), mean of the latest 5 values."),
  p95Ms: doc(nullableNumber(), "p95 request latency in ms, mean of the latest 5 values."),
  status: z.enum(["ok", "degraded", "no-data"]),
  reasons: doc(z.array(z.string()), "Why the region is degraded, in words; empty otherwise."),
});
apiSchemas.add(regionHealthSchema, { id: "RegionHealth", description: "One cell of the region strip." });

const dashboardWindowSchema = z.object({
  from: isoDateTime,
  to: isoDateTime,
  stepSeconds: doc(z.number().int(), "One point per step; each is stamped at its step's end."),
  range: doc(z.enum(dashboardRanges).nullable(), "The preset, or null for an explicit from/to."),
});
apiSchemas.add(dashboardWindowSchema, {
  id: "DashboardWindow",
  description: "The aligned window the data covers: `to` is a step boundary, `from` whole steps before it.",
});

const seriesSchema = z.object({
  region: doc(z.string(), 'A region such as `us-central1`, or `"all"` for every region combined.'),
  dataset: z.string(),
  group: doc(z.record(z.string(), z.string()), "Values of the query's extra group-by fields."),
  points: doc(z.array(z.tuple([z.number(), nullableNumber()])), "[epoch ms, value or null], one per step."),
});

const tileSchema = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.enum(["1/s", "1", "%", "ms", "s", "By"]),
  chart: z.enum(["line", "stacked-area", "stacked-bar"]),
  combine: doc(z.enum(["sum", "ratio", "max", "mean"]), 'How the regions combine into the `"all"` series.'),
  thresholds: z.array(
    z.object({ value: z.number(), label: z.string(), direction: z.enum(["above", "below"]) }),
  ),
  width: z.number().int(),
  height: z.number().int(),
  datasets: z.array(z.object({ label: z.string() })),
  series: z.array(seriesSchema),
  error: doc(z.string().optional(), "Set when the tile's query failed; the other tiles still carry data."),
});

export const dashboardResponseSchema = z.object({
  service: z.string(),
  displayName: z.string(),
  source: z.enum(["embedded", "cloud-monitoring"]),
  window: dashboardWindowSchema,
  regions: z.array(regionHealthSchema),
  sections: z.array(
    z.object({ id: z.string(), title: z.string(), collapsed: z.boolean(), tiles: z.array(tileSchema) }),
  ),
  generatedAt: isoDateTime,
});
apiSchemas.add(dashboardResponseSchema, {
  id: "ServiceDashboard",
  description: "A service's dashboard: the shared layout with every tile's series, and the region strip.",
});

export const fleetHealthSchema = z.object({
  generatedAt: isoDateTime,
  window: dashboardWindowSchema,
  services: z.array(
    z.object({
      name: z.string(),
      team: z.string(),
      kind: z.enum(serviceKinds),
      regions: z.array(regionHealthSchema),
    }),
  ),
});
apiSchemas.add(fleetHealthSchema, {
  id: "FleetHealth",
  description: "The region strip of every service that is not retired, by name.",
});

export const dashboardTerraformSchema = z.object({
  service: z.string(),
  resourceName: doc(z.string(), "The Terraform resource name, derived from the service name."),
  hcl: doc(z.string(), "The google_monitoring_dashboard resource."),
  json: z.record(z.string(), z.unknown()),
});
apiSchemas.add(dashboardTerraformSchema, {
  id: "DashboardTerraform",
  description: "A service's dashboard layout as Terraform and as the dashboard JSON.",
});

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const fieldIssueSchema = z.object({
  field: doc(z.string(), "Where the bad value is: `query.kind`, `body.lifecycle`, `params.name`."),
  rule: doc(z.string(), "The rule it breaks, e.g. `must be one of asc, desc`."),
});
apiSchemas.add(fieldIssueSchema, { id: "FieldIssue", description: "One invalid input value." });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: doc(z.string(), "What went wrong, for a person to act on."),
    issues: z.array(fieldIssueSchema).optional(),
  }),
});
apiSchemas.add(errorBodySchema, {
  id: "ErrorBody",
  description: "Every error response of the API (except the health probe).",
});

// Type-level drift checks: each mirror's inferred type and its interface must be assignable both
// ways, and have the same top-level keys. A field added to, removed from or retyped in either
// side fails `tsc`.
export type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : never
      : never
    : never
  : never;

const _driftChecks: {
  teamRef: Same<z.infer<typeof teamRefSchema>, TeamRef>;
  serviceSummary: Same<z.infer<typeof serviceSummarySchema>, ServiceSummary>;
  triggerFilter: Same<z.infer<typeof triggerFilterSchema>, TriggerFilter>;
  triggerInfo: Same<z.infer<typeof triggerInfoSchema>, TriggerInfo>;
  serviceDetail: Same<z.infer<typeof serviceDetailSchema>, ServiceDetail>;
  servicePage: Same<z.infer<typeof servicePageSchema>, Page<ServiceSummary>>;
  teamSummary: Same<z.infer<typeof teamSummarySchema>, TeamSummary>;
  teamList: Same<z.infer<typeof teamListSchema>, { items: TeamSummary[] }>;
  teamDetail: Same<z.infer<typeof teamDetailSchema>, TeamDetail>;
  auditEntry: Same<z.infer<typeof auditEntrySchema>, AuditEntryView>;
  activityList: Same<z.infer<typeof activityListSchema>, { items: AuditEntryView[] }>;
  actor: Same<z.infer<typeof actorSchema>, Actor>;
  fieldIssue: Same<z.infer<typeof fieldIssueSchema>, FieldIssue>;
  errorBody: Same<z.infer<typeof errorBodySchema>, ErrorBody>;
  regionHealth: Same<z.infer<typeof regionHealthSchema>, RegionHealth>;
  series: Same<z.infer<typeof seriesSchema>, SeriesData>;
  tile: Same<z.infer<typeof tileSchema>, TileData>;
  dashboard: Same<z.infer<typeof dashboardResponseSchema>, DashboardResponse>;
  fleetHealth: Same<z.infer<typeof fleetHealthSchema>, FleetHealth>;
  dashboardTerraform: Same<z.infer<typeof dashboardTerraformSchema>, DashboardTerraform>;
} = {
  teamRef: true,
  serviceSummary: true,
  triggerFilter: true,
  triggerInfo: true,
  serviceDetail: true,
  servicePage: true,
  teamSummary: true,
  teamList: true,
  teamDetail: true,
  auditEntry: true,
  activityList: true,
  actor: true,
  fieldIssue: true,
  errorBody: true,
  regionHealth: true,
  series: true,
  tile: true,
  dashboard: true,
  dashboardTerraform: true,
  fleetHealth: true,
};
void _driftChecks;
