import "server-only";

// The repository a scaffold run proposes its files to. The preview reads it to tell added, modified
// and unchanged files apart and to refuse a service folder that already exists. Until the portal
// has its git repository (the pull-request issue), the target is an empty tree: every file is added.

export interface TargetTree {
  /** The file's content at the base branch, or null when it does not exist. */
  readFile(path: string): Promise<string | null>;
  /** Whether anything exists under this folder (`services/<name>/`). */
  hasFolder(path: string): Promise<boolean>;
}

const emptyTree: TargetTree = {
  readFile: async () => null,
  hasFolder: async () => false,
};

export function targetTree(): TargetTree {
  return emptyTree;
}
