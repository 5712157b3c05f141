"use client";

import { useSyncExternalStore } from "react";
import { cn } from "./cn";
import { THEME_STORAGE_KEY } from "./theme-script";

export type Theme = "system" | "light" | "dark";

const order: Theme[] = ["system", "light", "dark"];
const names: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const CHANGE_EVENT = "meridian-theme-change";

function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** Sets and stores the theme; used by ThemeToggle, exported for a settings page. */
export function setTheme(theme: Theme) {
  try {
    if (theme === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {}
  document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** A button cycling system → light → dark. Shows an icon; pass `showLabel` to add the name. */
export function ThemeToggle({ className, showLabel = false }: { className?: string; showLabel?: boolean }) {
  // The server does not know the stored theme; it renders "system" and the client corrects it.
  const theme = useSyncExternalStore<Theme>(subscribe, readTheme, () => "system");
  const next = order[(order.indexOf(theme) + 1) % order.length] ?? "system";
  const label = `Theme: ${names[theme]}. Switch to ${names[next].toLowerCase()}.`;

  return (
    <button
      type="button"
      onClick={() => setTheme(next)}
      aria-label={showLabel ? undefined : label}
      title={label}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm text-muted transition-colors hover:bg-surface-muted hover:text-foreground",
        className,
      )}
    >
      <ThemeIcon theme={theme} />
      {showLabel && (
        <span>
          <span className="sr-only">Theme: </span>
          {names[theme]}
        </span>
      )}
    </button>
  );
}

function ThemeIcon({ theme }: { theme: Theme }) {
  const common = {
    viewBox: "0 0 16 16",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.5,
    strokeLinecap: "round",
    strokeLinejoin: "round",
    className: "size-4",
    "aria-hidden": true,
  } as const;
  if (theme === "light")
    return (
      <svg {...common}>
        <circle cx="8" cy="8" r="2.75" />
        <path d="M8 1.5v1.25M8 13.25v1.25M1.5 8h1.25M13.25 8h1.25M3.4 3.4l.9.9M11.7 11.7l.9.9M3.4 12.6l.9-.9M11.7 4.3l.9-.9" />
      </svg>
    );
  if (theme === "dark")
    return (
      <svg {...common}>
        <path d="M13.5 9.75A5.75 5.75 0 0 1 6.25 2.5a5.75 5.75 0 1 0 7.25 7.25Z" />
      </svg>
    );
  return (
    <svg {...common}>
      <rect x="1.75" y="2.5" width="12.5" height="8.5" rx="1.25" />
      <path d="M5.5 13.75h5M8 11v2.75" />
    </svg>
  );
}
