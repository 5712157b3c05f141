import "server-only";
import { env } from "@/server/env";

/**
 * Where generated Terraform takes a platform module from: a registry address with a pinned
 * `version` (the default, `chainguard-dev/common/infra//modules/<m>` at 1.28.6), or a git URL
 * pinned with `?ref=v<version>`. Set by MERIDIAN_MODULE_SOURCE and MERIDIAN_MODULE_VERSION.
 */
export function moduleSource(module: string): { source: string; version: string | null } {
  const { MERIDIAN_MODULE_SOURCE: base, MERIDIAN_MODULE_VERSION: version } = env();
  const registry = /^[\w-]+\/[\w-]+\/[\w-]+$/.test(base);
  return registry
    ? { source: `${base}//modules/${module}`, version }
    : { source: `${base}//modules/${module}?ref=v${version}`, version: null };
}
