"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { cn } from "./cn";
import { CheckIcon, CloseIcon, ErrorIcon, InfoIcon } from "./icons";

export type ToastTone = "ok" | "danger" | "neutral";
export type ToastOptions = { title: string; description?: string; tone?: ToastTone };
type ToastItem = ToastOptions & { id: number };

/** `toast(...)` shows a toast and returns its id. Also usable as `const { toast, dismiss } = useToast()`. */
export type ToastFn = ((options: ToastOptions) => number) & {
  toast: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
};

const ToastContext = createContext<ToastFn | null>(null);
const DURATION_MS = 5000;
let lastId = 0;

/** Holds the toasts and renders them bottom-right. Put it once, high in the tree. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const api = useMemo(() => {
    const toast = (options: ToastOptions) => {
      const id = ++lastId;
      setToasts((list) => [...list.slice(-4), { ...options, id }]);
      return id;
    };
    return Object.assign(toast, { toast, dismiss });
  }, [dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2"
      >
        {toasts.map((t) => (
          <Toast key={t.id} item={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Returns `toast`, callable directly or destructured: `const { toast } = useToast()`. */
export function useToast(): ToastFn {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() must be used inside <ToastProvider>.");
  return api;
}

const toneIcon = {
  ok: <CheckIcon className="size-4 text-ok" />,
  danger: <ErrorIcon className="size-4 text-danger" />,
  neutral: <InfoIcon className="size-4 text-muted" />,
} satisfies Record<ToastTone, ReactNode>;

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const { id, title, description, tone = "neutral" } = item;

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(id), DURATION_MS);
    return () => clearTimeout(timer);
  }, [paused, id, onDismiss]);

  return (
    <div
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className={cn(
        "pointer-events-auto flex items-start gap-2.5 rounded-lg border border-border bg-surface p-3 shadow-lg shadow-black/10 dark:border-border-strong",
        "transition-[opacity,translate] duration-200 starting:translate-y-2 starting:opacity-0",
      )}
    >
      <span className="mt-0.5 shrink-0">{toneIcon[tone]}</span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-foreground">{title}</p>
        {description && <p className="mt-0.5 text-sm break-words text-muted">{description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(id)}
        aria-label="Dismiss notification"
        className="-mt-0.5 -mr-1 shrink-0 rounded p-1 text-muted hover:bg-surface-muted hover:text-foreground"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </div>
  );
}
