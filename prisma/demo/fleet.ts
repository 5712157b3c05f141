// The demo fleet: seeded once, on the first start of the embedded mode, and shown as demo data.
// Names and shapes follow the platform modules (DOMAIN.md): one Cloud Run name in every region,
// broker event types under dev.meridian.*, GitHub events as the github-events trampoline emits them.

export const demoRepository = "demo/infrastructure";

export const demoTeams = [
  {
    name: "checkout",
    displayName: "Checkout",
    description: "Cart, checkout and payments.",
    chatChannel: "#team-checkout",
  },
  {
    name: "fulfilment",
    displayName: "Fulfilment",
    description: "Inventory, warehouses and shipping.",
    chatChannel: "#team-fulfilment",
  },
  {
    name: "growth",
    displayName: "Growth",
    description: "Recommendations, campaigns and experiments.",
    chatChannel: "#team-growth",
  },
  {
    name: "platform",
    displayName: "Platform",
    description: "The platform modules, the broker, the recorder and Meridian itself.",
    chatChannel: "#platform",
  },
] as const;

type TeamName = (typeof demoTeams)[number]["name"];

export const demoUsers: { email: string; name: string; isAdmin?: boolean; teams: TeamName[] }[] = [
  { email: "dev@meridian.local", name: "Local Developer", teams: ["checkout"] },
  { email: "ada@meridian.dev", name: "Ada Okafor", isAdmin: true, teams: ["platform"] },
  { email: "grace@meridian.dev", name: "Grace Lindqvist", teams: ["fulfilment"] },
  { email: "linus@meridian.dev", name: "Linus Moreau", teams: ["growth", "checkout"] },
  { email: "viewer@meridian.dev", name: "Vera Viewer", teams: [] },
];

export const demoEventTypes = [
  { type: "dev.meridian.checkout.order.placed", recorded: true, description: "A customer placed an order." },
  {
    type: "dev.meridian.payments.authorized",
    recorded: true,
    description: "A payment was authorised by the card network.",
  },
  { type: "dev.meridian.payments.declined", recorded: true, description: "A payment was declined." },
  {
    type: "dev.meridian.payments.refund.requested",
    recorded: true,
    description: "A refund was requested by support or the customer.",
  },
  { type: "dev.meridian.payments.refunded", recorded: false, description: "A refund was paid out." },
  {
    type: "dev.meridian.inventory.reserved",
    recorded: false,
    description: "Stock was reserved for an order.",
  },
  {
    type: "dev.meridian.shipping.shipment.dispatched",
    recorded: true,
    description: "A parcel left the warehouse.",
  },
  {
    type: "dev.chainguard.github.pull_request",
    recorded: true,
    description: "GitHub pull_request webhook, via the github-events trampoline.",
  },
  {
    type: "dev.chainguard.github.push",
    recorded: false,
    description: "GitHub push webhook, via the github-events trampoline.",
  },
] as const;

type EventTypeName = (typeof demoEventTypes)[number]["type"];

export interface DemoTrigger {
  type: EventTypeName;
  filter?: {
    exact?: Record<string, string>;
    prefix?: Record<string, string>;
    has?: string[];
    notHas?: string[];
    not?: { key: string; value: string }[];
  };
}

export interface DemoService {
  name: string;
  team: TeamName;
  kind: "http" | "event-receiver" | "cron" | "github-bot";
  product: string;
  description: string;
  regions: string[];
  ingress?:
    "INGRESS_TRAFFIC_ALL" | "INGRESS_TRAFFIC_INTERNAL_ONLY" | "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER";
  egress?: "ALL_TRAFFIC" | "PRIVATE_RANGES_ONLY";
  scaling?: { min: number; max: number };
  lifecycle: "proposed" | "pr-open" | "merged" | "live" | "retired";
  createdBy: string;
  ageDays: number;
  publishes?: EventTypeName[];
  triggers?: DemoTrigger[];
}

const US = ["us-central1", "us-east4"];
const EU = "europe-west1";
const ASIA = "asia-northeast1";

export const demoServices: DemoService[] = [
  {
    name: "checkout-api",
    team: "checkout",
    kind: "http",
    product: "storefront",
    description: "Public checkout API behind the global load balancer.",
    regions: [...US, EU],
    ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
    scaling: { min: 2, max: 200 },
    lifecycle: "live",
    createdBy: "dev@meridian.local",
    ageDays: 410,
    publishes: ["dev.meridian.checkout.order.placed", "dev.meridian.payments.refund.requested"],
  },
  {
    name: "payment-authorizer",
    team: "checkout",
    kind: "http",
    product: "payments",
    description: "Authorises card payments with the acquiring bank.",
    regions: US,
    egress: "PRIVATE_RANGES_ONLY",
    scaling: { min: 1, max: 50 },
    lifecycle: "live",
    createdBy: "linus@meridian.dev",
    ageDays: 380,
    publishes: ["dev.meridian.payments.authorized", "dev.meridian.payments.declined"],
  },
  {
    name: "refund-processor",
    team: "checkout",
    kind: "event-receiver",
    product: "payments",
    description: "Pays out requested refunds.",
    regions: US,
    lifecycle: "live",
    createdBy: "dev@meridian.local",
    ageDays: 200,
    publishes: ["dev.meridian.payments.refunded"],
    triggers: [{ type: "dev.meridian.payments.refund.requested" }],
  },
  {
    name: "receipt-mailer",
    team: "checkout",
    kind: "event-receiver",
    product: "storefront",
    description: "Emails receipts for authorised payments.",
    regions: [...US, EU],
    lifecycle: "live",
    createdBy: "linus@meridian.dev",
    ageDays: 150,
    triggers: [{ type: "dev.meridian.payments.authorized", filter: { notHas: ["testmode"] } }],
  },
  {
    name: "inventory-service",
    team: "fulfilment",
    kind: "http",
    product: "logistics",
    description: "Stock levels and reservations for every warehouse.",
    regions: ["us-central1", EU, ASIA],
    scaling: { min: 1, max: 100 },
    lifecycle: "live",
    createdBy: "grace@meridian.dev",
    ageDays: 520,
    publishes: ["dev.meridian.inventory.reserved"],
    triggers: [{ type: "dev.meridian.checkout.order.placed" }],
  },
  {
    name: "shipment-tracker",
    team: "fulfilment",
    kind: "event-receiver",
    product: "logistics",
    description: "Books carriers and tracks parcels once stock is reserved.",
    regions: ["us-central1", EU, ASIA],
    lifecycle: "live",
    createdBy: "grace@meridian.dev",
    ageDays: 300,
    publishes: ["dev.meridian.shipping.shipment.dispatched"],
    triggers: [
      { type: "dev.meridian.inventory.reserved", filter: { prefix: { source: "//inventory-service/" } } },
    ],
  },
  {
    name: "warehouse-sync",
    team: "fulfilment",
    kind: "cron",
    product: "logistics",
    description: "Reconciles stock counts with the warehouse systems every 15 minutes.",
    regions: ["us-east4"],
    lifecycle: "live",
    createdBy: "grace@meridian.dev",
    ageDays: 260,
  },
  {
    name: "carrier-webhooks",
    team: "fulfilment",
    kind: "http",
    product: "logistics",
    description: "Receives tracking updates from carriers.",
    regions: ["us-central1", EU],
    ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
    lifecycle: "merged",
    createdBy: "grace@meridian.dev",
    ageDays: 3,
  },
  {
    name: "recommendations-api",
    team: "growth",
    kind: "http",
    product: "storefront",
    description: "Product recommendations for the storefront.",
    regions: ["us-central1", EU, ASIA],
    scaling: { min: 1, max: 300 },
    lifecycle: "live",
    createdBy: "linus@meridian.dev",
    ageDays: 610,
  },
  {
    name: "campaign-mailer",
    team: "growth",
    kind: "event-receiver",
    product: "marketing",
    description: "Sends post-purchase campaigns.",
    regions: [EU],
    lifecycle: "live",
    createdBy: "linus@meridian.dev",
    ageDays: 90,
    triggers: [
      {
        type: "dev.meridian.checkout.order.placed",
        filter: { notHas: ["testmode"], not: [{ key: "subject", value: "internal" }] },
      },
    ],
  },
  {
    name: "cohort-builder",
    team: "growth",
    kind: "cron",
    product: "analytics",
    description: "Builds nightly customer cohorts at 02:00 UTC.",
    regions: [EU],
    lifecycle: "live",
    createdBy: "linus@meridian.dev",
    ageDays: 180,
  },
  {
    name: "ab-assignment",
    team: "growth",
    kind: "http",
    product: "experiments",
    description: "Experiment bucketing (replaced by the feature-flag service).",
    regions: US,
    lifecycle: "retired",
    createdBy: "linus@meridian.dev",
    ageDays: 900,
  },
  {
    name: "release-notes-bot",
    team: "platform",
    kind: "github-bot",
    product: "developer-experience",
    description: "Drafts release notes from merged pull requests.",
    regions: ["us-central1", "us-east4"],
    lifecycle: "live",
    createdBy: "ada@meridian.dev",
    ageDays: 140,
    triggers: [{ type: "dev.chainguard.github.pull_request", filter: { exact: { action: "closed" } } }],
  },
  {
    name: "dependency-labeler",
    team: "platform",
    kind: "github-bot",
    product: "developer-experience",
    description: "Labels dependency-update pull requests by risk.",
    regions: ["us-central1"],
    lifecycle: "pr-open",
    createdBy: "ada@meridian.dev",
    ageDays: 1,
    triggers: [{ type: "dev.chainguard.github.pull_request", filter: { exact: { action: "opened" } } }],
  },
  {
    name: "cost-reporter",
    team: "platform",
    kind: "cron",
    product: "finops",
    description: "Posts the weekly Cloud Run cost report per team.",
    regions: ["us-central1"],
    lifecycle: "live",
    createdBy: "ada@meridian.dev",
    ageDays: 330,
  },
  {
    name: "repo-indexer",
    team: "platform",
    kind: "event-receiver",
    product: "developer-experience",
    description: "Indexes pushed Terraform so the catalog can be derived from it.",
    regions: ["us-central1", EU],
    lifecycle: "proposed",
    createdBy: "ada@meridian.dev",
    ageDays: 0,
    triggers: [{ type: "dev.chainguard.github.push", filter: { prefix: { subject: "refs/heads/main" } } }],
  },
];

/**
 * Thresholds the demo teams set for their services' alert policies (lib/alerts/policies.ts): the cron
 * jobs' success alerts follow their schedules (every 15 minutes, daily, weekly) instead of the 24 h default.
 */
export const demoAlertThresholds: { service: string; policyId: string; threshold: number }[] = [
  { service: "warehouse-sync", policyId: "cron-success-absent", threshold: 1800 },
  { service: "cohort-builder", policyId: "cron-success-absent", threshold: 25 * 3600 },
  { service: "cost-reporter", policyId: "cron-success-absent", threshold: 7 * 24 * 3600 + 6 * 3600 },
];
