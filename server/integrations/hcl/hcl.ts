import "server-only";
import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";

// HashiCorp's HCL libraries (Go compiled to WebAssembly): the formatter `terraform fmt` uses and the
// parser behind hcl2json. The JSON is Terraform's JSON syntax: blocks as nested objects, each block
// label a key, repeated blocks as lists; template escapes (`$${`) stay as written.

export type HclJson = Record<string, unknown>;

/** The file in canonical format. The formatter does not validate: parse to find syntax errors. */
export async function formatHcl(source: string): Promise<string> {
  return format(source);
}

/** The file as Terraform JSON, or the parser's diagnostics as the error message. */
export async function parseHcl(filename: string, source: string): Promise<HclJson> {
  return parse(filename, source);
}
