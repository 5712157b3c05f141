import { z } from "zod";

// The catalog's vocabulary, shared by the browser (forms, filters) and the server (validation).

export const serviceKinds = ["http", "event-receiver", "cron", "github-bot"] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const kindLabels: Record<ServiceKind, string> = {
  http: "HTTP service",
  "event-receiver": "Event receiver",
  cron: "Cron job",
  "github-bot": "GitHub bot",
};

export const lifecycles = ["proposed", "pr-open", "merged", "live", "retired"] as const;
export type Lifecycle = (typeof lifecycles)[number];
export const lifecycleLabels: Record<Lifecycle, string> = {
  proposed: "Proposed",
  "pr-open": "PR open",
  merged: "Merged",
  live: "Live",
  retired: "Retired",
};

/** Cloud Run's rule for service names, which is also the dashboard and alert key in every region. */
export const serviceNameRule =
  "1-49 lowercase letters, digits or dashes, starting with a letter and not ending with a dash";
export const serviceName = z
  .string()
  .regex(/^[a-z](?:[a-z0-9-]{0,47}[a-z0-9])?$/, { message: `must be ${serviceNameRule}` });

export const teamName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, {
  message: "must be 1-63 lowercase letters, digits or dashes, starting with a letter",
});

export const regionName = z
  .string()
  .regex(/^[a-z]+-[a-z]+[0-9]$/, { message: "must be a Google Cloud region such as us-central1" });

export const catalogSorts = ["name", "team", "kind", "lifecycle", "created"] as const;
export type CatalogSort = (typeof catalogSorts)[number];

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

/** The catalog's query string: `GET /api/services` and the catalog page share it. */
export const catalogQuery = z.strictObject({
  q: z.string().max(200, "must be at most 200 characters").optional(),
  team: csv(teamName).optional(),
  kind: csv(z.enum(serviceKinds, { message: `must be one of ${serviceKinds.join(", ")}` })).optional(),
  region: csv(regionName).optional(),
  lifecycle: csv(z.enum(lifecycles, { message: `must be one of ${lifecycles.join(", ")}` })).optional(),
  sort: z.enum(catalogSorts, { message: `must be one of ${catalogSorts.join(", ")}` }).default("name"),
  dir: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("asc"),
  page: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(1),
  pageSize: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
});
export type CatalogQuery = z.infer<typeof catalogQuery>;

/** What a member of the owning team may change on a service from the portal. */
export const serviceUpdate = z
  .strictObject({
    description: z.string().max(500, "must be at most 500 characters").optional(),
    product: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, {
        message: "must be 1-63 lowercase letters, digits or dashes (it becomes a label value)",
      })
      .optional(),
    lifecycle: z.enum(lifecycles, { message: `must be one of ${lifecycles.join(", ")}` }).optional(),
  })
  .refine((change) => Object.values(change).some((v) => v !== undefined), {
    message: "must change at least one of description, product, lifecycle",
  });
export type ServiceUpdate = z.infer<typeof serviceUpdate>;
