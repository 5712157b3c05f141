import type { ViewedFile } from "./viewed-file";

export interface TreeFile {
  kind: "file";
  name: string;
  path: string;
  file: ViewedFile;
}

export interface TreeFolder {
  kind: "folder";
  name: string;
  /** The folder's path from the service root, with a trailing slash; "" for the root. */
  path: string;
  children: TreeNode[];
}

export type TreeNode = TreeFile | TreeFolder;

function folderIn(parent: TreeFolder, name: string): TreeFolder {
  const found = parent.children.find((c): c is TreeFolder => c.kind === "folder" && c.name === name);
  if (found) return found;
  const folder: TreeFolder = { kind: "folder", name, path: `${parent.path}${name}/`, children: [] };
  parent.children.push(folder);
  return folder;
}

function sort(folder: TreeFolder) {
  folder.children.sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "folder" ? -1 : 1,
  );
  for (const child of folder.children) if (child.kind === "folder") sort(child);
}

/** The files as folders under `root` (`services/<name>/`): folders first, then files, by name. */
export function buildFileTree(files: ViewedFile[], root: string): TreeFolder {
  const tree: TreeFolder = { kind: "folder", name: root, path: "", children: [] };
  for (const file of files) {
    const relative = file.path.startsWith(root) ? file.path.slice(root.length) : file.path;
    const parts = relative.split("/").filter(Boolean);
    const name = parts.pop() ?? relative;
    const parent = parts.reduce(folderIn, tree);
    parent.children.push({ kind: "file", name, path: file.path, file });
  }
  sort(tree);
  return tree;
}

/** Paths of every folder in the tree, for "expand all". */
export function folderPaths(folder: TreeFolder): string[] {
  return folder.children.flatMap((c) => (c.kind === "folder" ? [c.path, ...folderPaths(c)] : []));
}
