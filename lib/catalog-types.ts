import type { Lifecycle, ServiceKind } from "./catalog";

// The JSON shapes of the catalog API (docs/API.md), shared by server and browser.

export interface TeamRef {
  name: string;
  displayName: string;
}

export interface ServiceSummary {
  name: string;
  team: TeamRef;
  product: string;
  description: string;
  kind: ServiceKind;
  regions: string[];
  lifecycle: Lifecycle;
  isDemo: boolean;
  createdAt: string;
}

export interface TriggerFilter {
  exact?: Record<string, string>;
  prefix?: Record<string, string>;
  has?: string[];
  notHas?: string[];
  not?: { key: string; value: string }[];
}

export interface TriggerInfo {
  name: string;
  type: string;
  filter: TriggerFilter;
}

export interface ServiceDetail extends ServiceSummary {
  ingress: string;
  egress: string;
  scaling: { minInstances: number; maxInstances: number };
  repository: string;
  path: string;
  template: { id: string; version: string | null } | null;
  /** The pull request that proposed the service (created from a template through Meridian). */
  pullRequest: { number: number; url: string } | null;
  /** The scaffold run that created it. */
  scaffoldRunId: string | null;
  createdBy: string;
  updatedAt: string;
  publishes: { type: string; description: string; recorded: boolean }[];
  triggers: TriggerInfo[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TeamSummary extends TeamRef {
  description: string;
  chatChannel: string | null;
  serviceCount: number;
  memberCount: number;
}

export interface TeamDetail extends TeamSummary {
  members: { email: string; name: string }[];
  services: ServiceSummary[];
}
