import "server-only";
import { escapeHclTemplate } from "@/lib/dashboards/dashboard-hcl";

// One escaper per target language. A template may only interpolate through these (see
// handlebars-env.ts), so an answer is always an inert literal in the file it lands in.

function hexEscape(code: number, width: 4 | 8): string {
  return `\\${width === 4 ? "u" : "U"}${code.toString(16).toUpperCase().padStart(width, "0")}`;
}

/**
 * Backslash escapes shared by HCL and Go strings: `\\`, `"`, `\n`, `\r`, `\t`, and `\uXXXX` for other
 * control characters, the Unicode line and paragraph separators and the byte order mark.
 */
function escapeQuoted(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    )
      out += hexEscape(code, 4);
    else out += char;
  }
  return out;
}

/** The body of an HCL quoted string: JSON-like escapes, then `${` and `%{` made literal. */
export const hclStringBody = (value: string) => escapeHclTemplate(escapeQuoted(value));

export const hclString = (value: string) => `"${hclStringBody(value)}"`;

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
