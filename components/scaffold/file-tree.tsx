"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import type { TreeFolder, TreeNode } from "@/lib/scaffold/file-tree";
import { StatusBadge } from "./status-badge";

const rowClass =
  "flex w-full items-center gap-1.5 rounded-md py-1 pr-2 text-left text-sm transition-colors focus-visible:outline-offset-0";

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      className={cn("size-3.5 shrink-0 text-muted transition-transform", open && "rotate-90")}
    >
      <path d="M6 3.5 10.5 8 6 12.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function FolderIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      className="size-4 shrink-0 text-muted"
    >
      <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.8l1.4 1.5h4.8A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5v-7Z" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      className="size-4 shrink-0 text-muted"
    >
      <path d="M4 2h5l3 3v9H4V2Z" />
      <path d="M9 2v3h3" />
    </svg>
  );
}

interface NodeProps {
  node: TreeNode;
  depth: number;
  selected: string | undefined;
  collapsed: Set<string>;
  onToggle: (path: string) => void;
  onSelect: (path: string) => void;
}

function TreeItem({ node, depth, selected, collapsed, onToggle, onSelect }: NodeProps) {
  const indent = { paddingLeft: `${0.5 + depth * 0.875}rem` };
  if (node.kind === "file") {
    const current = node.path === selected;
    return (
      <li>
        <button
          type="button"
          className={cn(
            rowClass,
            current
              ? "bg-accent/10 font-medium text-foreground"
              : "text-muted hover:bg-surface-muted hover:text-foreground",
          )}
          style={indent}
          aria-current={current ? "true" : undefined}
          onClick={() => onSelect(node.path)}
        >
          <span className="size-3.5 shrink-0" />
          <FileIcon />
          <span className="min-w-0 flex-1 truncate font-mono text-xs">{node.name}</span>
          <StatusBadge status={node.file.status} className="h-4 px-1.5 text-[10px]" />
        </button>
      </li>
    );
  }
  const open = !collapsed.has(node.path);
  return (
    <li>
      <button
        type="button"
        className={cn(rowClass, "text-foreground hover:bg-surface-muted")}
        style={indent}
        aria-expanded={open}
        onClick={() => onToggle(node.path)}
      >
        <Chevron open={open} />
        <FolderIcon />
        <span className="min-w-0 flex-1 truncate font-mono text-xs">{node.name}</span>
      </button>
      {open && <TreeList folder={node} depth={depth + 1} {...{ selected, collapsed, onToggle, onSelect }} />}
    </li>
  );
}

function TreeList({ folder, depth, ...rest }: Omit<NodeProps, "node"> & { folder: TreeFolder }) {
  return (
    <ul className="space-y-px">
      {folder.children.map((child) => (
        <TreeItem key={child.path + child.kind} node={child} depth={depth} {...rest} />
      ))}
    </ul>
  );
}

/** The proposed files as folders (collapsible) under the service root, each with its status. */
export function FileTree({
  tree,
  selected,
  onSelect,
}: {
  tree: TreeFolder;
  selected: string | undefined;
  onSelect: (path: string) => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const onToggle = (path: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <nav aria-label="Files" className="p-2">
      <p className="flex items-center gap-1.5 px-2 py-1 font-mono text-xs text-muted">
        <FolderIcon />
        {tree.name}
      </p>
      <TreeList
        folder={tree}
        depth={0}
        selected={selected}
        collapsed={collapsed}
        onToggle={onToggle}
        onSelect={onSelect}
      />
    </nav>
  );
}
