import "server-only";
import type { Db } from "@/server/db/client";
import { gitProvider, LocalGitProvider, type GitProvider } from "@/server/integrations/git";
import { platformSkeleton } from "./platform-skeleton";

const globalForRepository = globalThis as unknown as { meridianRepository?: Promise<GitProvider> };

/**
 * The repository new services are proposed to. The embedded one is created on first use with the
 * platform skeleton as its first commit.
 */
export function repository(db: Db): Promise<GitProvider> {
  globalForRepository.meridianRepository ??= (async () => {
    const provider = gitProvider(db);
    if (provider instanceof LocalGitProvider) await provider.initialize(platformSkeleton());
    return provider;
  })().catch((error) => {
    globalForRepository.meridianRepository = undefined;
    throw error;
  });
  return globalForRepository.meridianRepository;
}
