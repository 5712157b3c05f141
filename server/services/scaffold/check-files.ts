import "server-only";
import { createHash } from "node:crypto";
import type { PreviewCheck } from "@/lib/templates/types";
import { gofmtCheck } from "@/server/integrations/go-toolchain/gofmt";
import { formatHcl, parseHcl, type HclJson } from "@/server/integrations/hcl/hcl";
import type { RenderedFile } from "@/server/services/templates/render-template";
import { moduleInterfaces, TERRAFORM_META_ARGUMENTS, type ModuleInterface } from "./module-interfaces";

// The checks every preview runs on the generated files before it calls them valid.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `chainguard-dev/common/infra//modules/cloudevent-trigger?ref=v1` → `cloudevent-trigger`. */
export function moduleOf(source: unknown): string | null {
  if (typeof source !== "string") return null;
  const match = /\/\/modules\/([a-z0-9/_-]+?)(?:\?|$)/.exec(source);
  return match?.[1] ?? null;
}

/**
 * Problems with the module calls of one parsed file: unknown modules, missing or unknown inputs.
 * `interfaces` defaults to the modules templates may call.
 */
export function moduleCallProblems(
  file: string,
  parsed: HclJson,
  interfaces: Record<string, ModuleInterface> = moduleInterfaces,
): { calls: string[]; problems: string[] } {
  const calls: string[] = [];
  const problems: string[] = [];
  const blocks = (parsed.module ?? {}) as Record<string, Record<string, unknown>[]>;
  for (const [label, bodies] of Object.entries(blocks))
    for (const body of bodies) {
      const called = moduleOf(body.source);
      const spec = called ? interfaces[called] : undefined;
      if (!called || !spec) {
        problems.push(
          `${file}: module "${label}" calls ${JSON.stringify(body.source)}, not a known platform module`,
        );
        continue;
      }
      calls.push(called);
      const given = Object.keys(body).filter((key) => !TERRAFORM_META_ARGUMENTS.has(key));
      const missing = spec.required.filter((input) => !given.includes(input));
      const unknown = given.filter(
        (input) => !spec.required.includes(input) && !spec.optional.includes(input),
      );
      if (missing.length)
        problems.push(`${file}: module "${label}" (${called}) lacks required ${missing.join(", ")}`);
      if (unknown.length)
        problems.push(`${file}: module "${label}" (${called}) has unknown input ${unknown.join(", ")}`);
    }
  return { calls, problems };
}

function summariseCalls(calls: string[]): string {
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m} ×${n}` : m)).join(", ");
}

async function terraformChecks(files: RenderedFile[]): Promise<PreviewCheck[]> {
  const tf = files.filter((f) => f.language === "hcl");
  const results = await Promise.all(
    tf.map(async (file) => {
      const [parsed, formatted] = await Promise.all([
        parseHcl(file.path, file.content).then(
          (json) => ({ json, error: null }),
          (error: Error) => ({ json: null, error: error.message }),
        ),
        formatHcl(file.content),
      ]);
      return { file, parsed, canonical: formatted === file.content };
    }),
  );
  const parseErrors = results.filter((r) => r.parsed.error).map((r) => r.parsed.error!);
  const notCanonical = results.filter((r) => !r.canonical).map((r) => r.file.path);
  const calls: string[] = [];
  const problems: string[] = [];
  for (const r of results)
    if (r.parsed.json) {
      const found = moduleCallProblems(r.file.path, r.parsed.json);
      calls.push(...found.calls);
      problems.push(...found.problems);
    }
  return [
    {
      name: "Terraform parses",
      ok: parseErrors.length === 0,
      detail: parseErrors.length
        ? parseErrors.join("\n")
        : `${plural(tf.length, "file")} parsed by HashiCorp's HCL parser`,
    },
    {
      name: "Terraform is in canonical format",
      ok: notCanonical.length === 0,
      detail: notCanonical.length
        ? `terraform fmt would change ${notCanonical.join(", ")}`
        : "terraform fmt leaves every file unchanged",
    },
    {
      name: "Module inputs match the platform modules",
      ok: problems.length === 0 && parseErrors.length === 0,
      detail: problems.length
        ? problems.join("\n")
        : `${plural(calls.length, "module call")} (${summariseCalls(calls)}): every required input set, none unknown`,
    },
  ];
}

async function goCheck(files: RenderedFile[]): Promise<PreviewCheck[]> {
  const go = files.filter((f) => f.language === "go");
  if (go.length === 0) return [];
  const result = await gofmtCheck(go);
  // Without a Go toolchain on the portal's machine there is nothing to report, rather than a green tick.
  if (!result.available) return [];
  const ok = result.unformatted.length === 0 && result.errors.trim() === "";
  return [
    {
      name: "Go is gofmt-clean",
      ok,
      detail: ok
        ? `gofmt leaves ${plural(go.length, "file")} unchanged`
        : [result.errors.trim(), ...result.unformatted].filter(Boolean).join("\n"),
    },
  ];
}

function jsonCheck(files: RenderedFile[]): PreviewCheck[] {
  const json = files.filter((f) => f.language === "json");
  if (json.length === 0) return [];
  const errors: string[] = [];
  for (const file of json)
    try {
      JSON.parse(file.content);
    } catch (error) {
      errors.push(`${file.path}: ${(error as Error).message}`);
    }
  return [
    {
      name: "JSON parses",
      ok: errors.length === 0,
      detail: errors.length ? errors.join("\n") : `${plural(json.length, "file")} parsed`,
    },
  ];
}

/** Results by the files' contents: the checks are a pure function of them. */
const memo = new Map<string, Promise<PreviewCheck[]>>();
const MEMO_SIZE = 100;

/**
 * Terraform, Go and JSON checks over the generated files, run concurrently. The same files (a
 * scaffold run right after its preview, a preview shown again) reuse the result.
 */
export function checkFiles(files: RenderedFile[]): Promise<PreviewCheck[]> {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path)))
    hash.update(`${file.path}\0${file.language}\0${file.content}\0`);
  const key = hash.digest("hex");
  let result = memo.get(key);
  if (!result) {
    result = runChecks(files);
    memo.set(key, result);
    result.catch(() => memo.delete(key));
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  }
  return result;
}

async function runChecks(files: RenderedFile[]): Promise<PreviewCheck[]> {
  // gofmt first: it starts its own process, which runs while the HCL checks hold this thread.
  const go = goCheck(files);
  const terraform = await terraformChecks(files);
  return [...terraform, ...(await go), ...jsonCheck(files)];
}
