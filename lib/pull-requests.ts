import { z } from "zod";

// The pull-request API's shapes (docs/API.md).

export type PullRequestState = "open" | "merged" | "closed";

export interface PullRequestFile {
  path: string;
  status: "added" | "modified" | "deleted";
  before: string | null;
  after: string | null;
}

export interface PullRequestView {
  provider: "local" | "github";
  number: number;
  url: string;
  title: string;
  body: string;
  branch: string;
  base: string;
  state: PullRequestState;
  labels: string[];
  headSha: string;
  serviceName: string | null;
  createdBy: string;
  createdAt: string;
  mergedAt: string | null;
  mergedBy: string | null;
  /** Whether the signed-in person may merge or close it here (local repository, owning team or admin). */
  canMerge: boolean;
  /** The changes (local repository only; GitHub shows its own). */
  files: PullRequestFile[];
}

export const pullRequestParams = z.object({
  number: z.coerce
    .number({ message: "must be a pull request number" })
    .int({ message: "must be a pull request number" })
    .min(1, { message: "must be a pull request number" }),
});
