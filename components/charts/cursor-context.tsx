"use client";

import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";

// The hovered timestamp, shared by every chart under one provider: hovering one chart draws the
// cursor on all of them. A tiny external store, so only the cursor layers re-render on a move.

export interface CursorStore {
  get(): number | null;
  set(time: number | null): void;
  subscribe(listener: () => void): () => void;
}

export function createCursorStore(): CursorStore {
  let time: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => time,
    set(next) {
      if (next === time) return;
      time = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Without a provider each chart still works, sharing one page-wide store. */
const CursorContext = createContext<CursorStore>(createCursorStore());

/** Shares one cursor between the charts inside it. */
export function CursorProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createCursorStore);
  return <CursorContext.Provider value={store}>{children}</CursorContext.Provider>;
}

/** The store, for setting the cursor from pointer events. */
export function useCursorStore(): CursorStore {
  return useContext(CursorContext);
}

/** The hovered timestamp (epoch ms), or null; re-renders the caller when it moves. */
export function useCursorTime(): number | null {
  const store = useContext(CursorContext);
  return useSyncExternalStore(store.subscribe, store.get, () => null);
}
