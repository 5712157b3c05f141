import "server-only";
import path from "node:path";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import type { GitProvider } from "./git-provider";
import { GitHubProvider } from "./github-provider";
import { LocalGitProvider } from "./local-provider";

const globalForGit = globalThis as unknown as { meridianGit?: GitProvider };

/** The portal's own URL, for links in pull requests back to it. */
export function portalUrl(): string {
  const e = env();
  return (e.MERIDIAN_PORTAL_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** The configured GitProvider, chosen once: the local bare repository (default) or GitHub. */
export function gitProvider(db: Db): GitProvider {
  if (globalForGit.meridianGit) return globalForGit.meridianGit;
  const e = env();
  if (e.MERIDIAN_GIT === "github") {
    const [owner, repo] = e.GITHUB_REPOSITORY!.split("/") as [string, string];
    globalForGit.meridianGit = new GitHubProvider({
      owner,
      repo,
      baseBranch: e.MERIDIAN_GIT_BASE_BRANCH,
      baseUrl: e.GITHUB_API_URL,
      portalUrl: portalUrl(),
      auth: e.GITHUB_TOKEN
        ? { token: e.GITHUB_TOKEN }
        : {
            appId: e.GITHUB_APP_ID!,
            privateKey: e.GITHUB_APP_PRIVATE_KEY!,
            installationId: e.GITHUB_APP_INSTALLATION_ID!,
          },
    });
  } else {
    // A data folder chosen at run time, not a file of the build: kept out of output tracing, which
    // would otherwise copy the whole project (its root files, terraform/, …) into the standalone
    // server (Turbopack's "Dynamic filesystem access" warning).
    const dir = path.resolve(
      /*turbopackIgnore: true*/ e.MERIDIAN_GIT_DIR ?? path.join(e.MERIDIAN_DATA_DIR, "repository.git"),
    );
    globalForGit.meridianGit = new LocalGitProvider(dir, e.MERIDIAN_GIT_BASE_BRANCH, db, portalUrl());
  }
  return globalForGit.meridianGit;
}

export { LocalGitProvider };
export type { GitProvider };
