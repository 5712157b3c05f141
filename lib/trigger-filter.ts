import type { TriggerFilter } from "./catalog-types";

const quote = (v: string) => JSON.stringify(v);

/**
 * The Pub/Sub subscription filter the cloudevent-trigger module builds for a trigger
 * (DOMAIN.md §3.2): every clause ANDed, attributes prefixed with `ce-`.
 */
export function pubsubFilter(type: string, filter: TriggerFilter): string {
  const clauses = [`attributes.ce-type=${quote(type)}`];
  for (const [k, v] of Object.entries(filter.exact ?? {})) clauses.push(`attributes.ce-${k}=${quote(v)}`);
  for (const [k, v] of Object.entries(filter.prefix ?? {}))
    clauses.push(`hasPrefix(attributes.ce-${k}, ${quote(v)})`);
  for (const k of filter.has ?? []) clauses.push(`attributes:ce-${k}`);
  for (const k of filter.notHas ?? []) clauses.push(`NOT attributes:ce-${k}`);
  for (const { key, value } of filter.not ?? []) clauses.push(`NOT attributes.ce-${key}=${quote(value)}`);
  return clauses.join(" AND ");
}
