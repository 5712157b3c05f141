"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

// A JSON value kept in sessionStorage (so it survives a reload and back/forward, but not the tab),
// read with useSyncExternalStore: the server and the first render see the fallback, the browser
// then shows the stored value, and no effect has to copy one into state. An in-memory copy keeps
// the form working where sessionStorage is unavailable (private modes, quota).

const CHANGE_EVENT = "meridian-session-value";
const memory = new Map<string, string | null>();

function read(key: string): string | null {
  if (!memory.has(key)) {
    let raw: string | null = null;
    try {
      raw = window.sessionStorage.getItem(key);
    } catch {}
    memory.set(key, raw);
  }
  return memory.get(key) ?? null;
}

function write(key: string, raw: string | null) {
  if (read(key) === raw) return;
  memory.set(key, raw);
  try {
    if (raw === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, raw);
  } catch {}
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

function parse(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export type SessionValue<T> = [value: T, update: (next: (previous: T) => T) => void, clear: () => void];

/**
 * The value stored under `key`, revived (and checked) by `revive` from what JSON.parse gave, or
 * undefined when nothing is stored. `revive` must be stable (useCallback) as must its result for the
 * same input.
 */
export function useSessionValue<T>(key: string, revive: (stored: unknown) => T): SessionValue<T> {
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const value = useMemo(() => revive(parse(raw)), [raw, revive]);
  const update = useCallback(
    // Reads the stored value afresh, so two updates in one event both apply.
    (next: (previous: T) => T) => write(key, JSON.stringify(next(revive(parse(read(key)))))),
    [key, revive],
  );
  const clear = useCallback(() => write(key, null), [key]);
  return [value, update, clear];
}

/** False while rendering on the server and hydrating, true after: when stored values are real. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}

const noopSubscribe = () => () => {};
