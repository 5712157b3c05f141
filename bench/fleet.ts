// A large, realistic-looking fleet for the catalog benchmark: deterministic (seeded), spread over
// the demo teams, every kind and lifecycle, 1-3 regions, and inserted with one multi-row INSERT
// per batch so 10,000 services take a second or two, not minutes.

import { randomUUID } from "node:crypto";
import type { Lifecycle, ServiceKind as Kind } from "@/lib/catalog";

export interface TeamRow {
  id: string;
  name: string;
}

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same fleet. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, weighted, int };
}

// Business domains per demo team, each with the product it belongs to.
const domains: Record<string, { domain: string; product: string; subject: string }[]> = {
  checkout: [
    { domain: "cart", product: "storefront", subject: "shopping carts" },
    { domain: "checkout", product: "storefront", subject: "checkout sessions" },
    { domain: "payments", product: "payments", subject: "card payments" },
    { domain: "payouts", product: "payments", subject: "merchant payouts" },
    { domain: "invoice", product: "billing", subject: "invoices" },
    { domain: "refund", product: "payments", subject: "refunds" },
    { domain: "tax", product: "billing", subject: "sales tax" },
    { domain: "pricing", product: "storefront", subject: "prices and discounts" },
    { domain: "promotions", product: "marketing", subject: "promotion codes" },
    { domain: "fraud", product: "risk", subject: "fraud signals" },
    { domain: "wallet", product: "payments", subject: "stored payment methods" },
    { domain: "subscription", product: "billing", subject: "subscriptions" },
  ],
  fulfilment: [
    { domain: "inventory", product: "logistics", subject: "stock levels" },
    { domain: "shipment", product: "logistics", subject: "shipments" },
    { domain: "carrier", product: "logistics", subject: "carrier bookings" },
    { domain: "warehouse", product: "logistics", subject: "warehouse tasks" },
    { domain: "returns", product: "logistics", subject: "customer returns" },
    { domain: "label", product: "logistics", subject: "shipping labels" },
    { domain: "routing", product: "logistics", subject: "delivery routes" },
    { domain: "procurement", product: "supply", subject: "purchase orders" },
    { domain: "supplier", product: "supply", subject: "supplier feeds" },
  ],
  growth: [
    { domain: "recommendations", product: "storefront", subject: "product recommendations" },
    { domain: "campaign", product: "marketing", subject: "marketing campaigns" },
    { domain: "cohort", product: "analytics", subject: "customer cohorts" },
    { domain: "experiment", product: "experiments", subject: "A/B experiments" },
    { domain: "loyalty", product: "marketing", subject: "loyalty points" },
    { domain: "referral", product: "marketing", subject: "referrals" },
    { domain: "search", product: "storefront", subject: "product search" },
    { domain: "reviews", product: "storefront", subject: "product reviews" },
    { domain: "newsletter", product: "marketing", subject: "newsletters" },
    { domain: "paywall", product: "media", subject: "premium content access" },
  ],
  platform: [
    { domain: "broker", product: "eventing", subject: "CloudEvents" },
    { domain: "recorder", product: "eventing", subject: "recorded events" },
    { domain: "registry", product: "developer-experience", subject: "service metadata" },
    { domain: "secrets", product: "security", subject: "secret rotation" },
    { domain: "audit", product: "security", subject: "audit trails" },
    { domain: "metrics", product: "observability", subject: "service metrics" },
    { domain: "logs", product: "observability", subject: "log sinks" },
    { domain: "deploy", product: "developer-experience", subject: "deployments" },
    { domain: "release", product: "developer-experience", subject: "release notes" },
    { domain: "cost", product: "finops", subject: "Cloud Run costs" },
    { domain: "identity", product: "security", subject: "service accounts" },
  ],
};

const components: Record<Kind, { suffix: string; verb: string }[]> = {
  http: [
    { suffix: "api", verb: "Serves" },
    { suffix: "gateway", verb: "Fronts" },
    { suffix: "service", verb: "Owns" },
    { suffix: "webhooks", verb: "Receives partner callbacks about" },
    { suffix: "admin", verb: "Back-office UI for" },
    { suffix: "proxy", verb: "Caches and proxies" },
  ],
  "event-receiver": [
    { suffix: "worker", verb: "Processes" },
    { suffix: "consumer", verb: "Consumes events about" },
    { suffix: "mailer", verb: "Emails customers about" },
    { suffix: "indexer", verb: "Indexes" },
    { suffix: "projector", verb: "Projects read models of" },
    { suffix: "notifier", verb: "Sends notifications about" },
  ],
  cron: [
    { suffix: "sync", verb: "Synchronises" },
    { suffix: "reconciler", verb: "Reconciles" },
    { suffix: "exporter", verb: "Exports" },
    { suffix: "cleanup", verb: "Purges stale" },
    { suffix: "reporter", verb: "Reports on" },
    { suffix: "backfill", verb: "Backfills" },
  ],
  "github-bot": [
    { suffix: "bot", verb: "Comments on pull requests touching" },
    { suffix: "labeler", verb: "Labels pull requests about" },
    { suffix: "triager", verb: "Triages issues about" },
  ],
};

const tails: Record<Kind, readonly string[]> = {
  http: [
    "behind the internal load balancer.",
    "for the storefront.",
    "for internal callers.",
    "with a 99.9% SLO.",
  ],
  "event-receiver": [
    "from the broker.",
    "as they arrive.",
    "with at-least-once delivery.",
    "and publishes the outcome.",
  ],
  cron: ["every 15 minutes.", "nightly at 02:00 UTC.", "hourly.", "every Monday morning."],
  "github-bot": ["in the fleet repository.", "across the organisation.", "on every push to main."],
};

const allRegions = [
  "us-central1",
  "us-east4",
  "europe-west1",
  "europe-west4",
  "asia-northeast1",
  "australia-southeast1",
];
const creators = ["dev@meridian.local", "ada@meridian.dev", "grace@meridian.dev", "linus@meridian.dev"];
const DAY = 86_400_000;

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlArray = (items: string[]) => `ARRAY[${items.map(sqlString).join(",")}]::text[]`;

/**
 * Builds `count` services as multi-row INSERT statements of at most `batchSize` rows each.
 * `existingNames` (the demo fleet) are avoided so the unique name constraint holds.
 */
export function fleetInserts(options: {
  teams: TeamRow[];
  count: number;
  batchSize: number;
  existingNames: Iterable<string>;
  seed?: number;
}): string[] {
  const rand = prng(options.seed ?? 20_261_203);
  const taken = new Set(options.existingNames);
  const teamWeights: Record<string, number> = { checkout: 3, fulfilment: 3, growth: 2, platform: 2 };
  const teamsByName = new Map(options.teams.map((t) => [t.name, t]));
  const weights = Object.fromEntries(options.teams.map((t) => [t.name, teamWeights[t.name] ?? 1]));
  const now = Date.now();

  const rows: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const team = teamsByName.get(rand.weighted(weights))!;
    const { domain, product, subject } = rand.pick(domains[team.name] ?? domains.platform!);
    const kind = rand.weighted<Kind>({ http: 4, "event-receiver": 3, cron: 2, "github-bot": 1 });
    const component = rand.pick(components[kind]);
    const base = `${domain}-${component.suffix}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);

    const lifecycle = rand.weighted<Lifecycle>({
      live: 55,
      retired: 12,
      proposed: 13,
      "pr-open": 8,
      merged: 12,
    });
    const regionCount = rand.weighted({ 1: 5, 2: 3, 3: 2 });
    const regions = [...allRegions].sort(() => rand.next() - 0.5).slice(0, Number(regionCount));
    const createdAt = new Date(now - rand.int(0, 3 * 365) * DAY - rand.int(0, DAY - 1));
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + rand.int(0, 90) * DAY));
    const description = `${component.verb} ${subject} ${rand.pick(tails[kind])}`;
    const minInstances = kind === "http" ? rand.int(0, 3) : 0;

    rows.push(
      `(${[
        sqlString(randomUUID()),
        sqlString(name),
        sqlString(team.id),
        sqlString(product),
        sqlString(description),
        `${sqlString(kind)}::"ServiceKind"`,
        sqlArray(regions),
        `${sqlString(lifecycle)}::"Lifecycle"`,
        String(minInstances),
        String(rand.pick([10, 50, 100, 200])),
        sqlString("github.com/meridian-dev/fleet"),
        sqlString(`services/${name}`),
        sqlString(rand.pick(creators)),
        `${sqlString(createdAt.toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
        `${sqlString(updatedAt.toISOString())}::timestamptz AT TIME ZONE 'UTC'`,
      ].join(", ")})`,
    );
  }

  const columns = `"id", "name", "teamId", "product", "description", "kind", "regions", "lifecycle", "minInstances", "maxInstances", "repository", "path", "createdBy", "createdAt", "updatedAt"`;
  const statements: string[] = [];
  for (let start = 0; start < rows.length; start += options.batchSize)
    statements.push(
      `INSERT INTO "Service" (${columns}) VALUES\n${rows.slice(start, start + options.batchSize).join(",\n")}`,
    );
  return statements;
}
