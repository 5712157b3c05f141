import "server-only";
import type { Db } from "@/server/db/client";
import { gitProvider, type GitProvider, type LocalGitProvider } from "@/server/integrations/git";
import { platformSkeleton } from "./platform-skeleton";

const globalForRepository = globalThis as unknown as { meridianRepository?: Promise<GitProvider> };

/**
 * The repository new services are proposed to. The embedded one is created on first use with the
 * platform skeleton as its first commit.
 */
export function repository(db: Db): Promise<GitProvider> {
  globalForRepository.meridianRepository ??= (async () => {
    const provider = gitProvider(db);
    // The kind, not `instanceof`: bundles (pages, route handlers) each have their own copy of the class.
    if (provider.kind === "local") await (provider as LocalGitProvider).initialize(platformSkeleton());
    return provider;
  })().catch((error) => {
    globalForRepository.meridianRepository = undefined;
    throw error;
  });
  return globalForRepository.meridianRepository;
}
