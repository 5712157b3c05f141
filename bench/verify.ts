// Same result on both sides, or the numbers mean nothing: every scenario's page (in order, with the
// fields that filters and sorts touch) and total must agree between the API and the raw SQL.

import type { Page, ServiceSummary } from "@/lib/catalog-types";
import type { Scenario } from "./scenarios";
import type { Sides } from "./sides";

/** A failure of the benchmark itself (reported without a stack trace). */
export class BenchFailure extends Error {}

/** What both sides are compared on. */
interface PageResult {
  total: number;
  items: { name: string; team: string; kind: string; lifecycle: string; regions: string[] }[];
}

/** Reports every disagreeing or empty scenario on stderr, then throws a BenchFailure if there was any. */
export async function verifyScenarios(scenarios: Scenario[], { api, raw }: Sides): Promise<void> {
  let mismatches = 0;
  for (const s of scenarios) {
    const fromApi = apiResult(await api(s.query));
    const fromRaw = rawResult(await raw(s.sql));
    const problem = compare(fromApi, fromRaw);
    if (problem) {
      mismatches++;
      console.error(`MISMATCH in "${s.label}" (${s.query || "no query"}): ${problem}`);
    } else if (!fromApi.items.length) {
      mismatches++;
      console.error(`EMPTY page in "${s.label}": the scenario measures nothing`);
    }
  }
  if (mismatches)
    throw new BenchFailure(`${mismatches} scenario(s) where the API and the raw query disagree`);
}

function apiResult(body: Page<ServiceSummary>): PageResult {
  return {
    total: body.total,
    items: body.items.map((s) => ({
      name: s.name,
      team: s.team.name,
      kind: s.kind,
      lifecycle: s.lifecycle,
      regions: s.regions,
    })),
  };
}

function rawResult(rows: Record<string, unknown>[]): PageResult {
  return {
    total: rows.length ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      name: String(r.name),
      team: String(r.teamName),
      kind: String(r.kind),
      lifecycle: String(r.lifecycle),
      regions: parseTextArray(r.regions),
    })),
  };
}

/** Drivers return text[] as an array, but an unregistered array type may arrive as `{a,b}`. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text === "{}" ? [] : text.slice(1, -1).split(",");
}

function compare(api: PageResult, raw: PageResult): string | undefined {
  if (api.total !== raw.total) return `total ${api.total} (API) != ${raw.total} (raw)`;
  if (api.items.length !== raw.items.length)
    return `${api.items.length} items (API) != ${raw.items.length} (raw)`;
  for (let i = 0; i < api.items.length; i++) {
    const a = JSON.stringify(api.items[i]);
    const b = JSON.stringify(raw.items[i]);
    if (a !== b) return `item ${i}: ${a} (API) != ${b} (raw)`;
  }
  return undefined;
}
