import "server-only";
import { escapeQuoted, hclString } from "@/lib/hcl-string";

// One escaper per target language. A template may only interpolate through these (see
// handlebars-env.ts), so an answer is always an inert literal in the file it lands in.

export { hclString, hclStringBody } from "@/lib/hcl-string";

export const hclList = (values: readonly string[]) => `[${values.map(hclString).join(", ")}]`;

/** A Go interpreted string literal. */
export const goString = (value: string) => `"${escapeQuoted(value)}"`;

/** A JSON value. */
export const jsonValue = (value: unknown) => JSON.stringify(value);

/** Markdown text: inline syntax and HTML escaped, and block syntax at a line start, so it reads as typed. */
export function markdownText(value: string): string {
  return value
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/^(\s*)([#+=-]|\d+\.)/gm, "$1\\$2");
}

/** An already validated name (service name, trigger name): refuses anything but [a-z0-9-]. */
export function identifier(value: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(value)) throw new Error(`Not a safe identifier: ${JSON.stringify(value)}`);
  return value;
}

/** `orders-eu` → `orders_eu`: a Terraform block label safe for module and resource names. */
export const terraformName = (value: string) => identifier(value).replaceAll("-", "_");
