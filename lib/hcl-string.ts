import { escapeHclTemplate } from "@/lib/dashboards/dashboard-hcl";

// Quoted strings for HCL (and Go): browser-safe, so the Terraform renderers in lib/ and the template
// escapers (server/services/templates/escape.ts) share one escaper loop.

function hexEscape(code: number, width: 4 | 8): string {
  return `\\${width === 4 ? "u" : "U"}${code.toString(16).toUpperCase().padStart(width, "0")}`;
}

/**
 * Backslash escapes shared by HCL and Go strings: `\\`, `"`, `\n`, `\r`, `\t`, and `\uXXXX` for other
 * control characters, the Unicode line and paragraph separators and the byte order mark.
 */
export function escapeQuoted(value: string): string {
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
