import Link from "next/link";
import type { Actor } from "@/lib/identity";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { DevUserSwitch } from "./dev-user-switch";
import { MainNav } from "./main-nav";

export function AppHeader({ actor, devSwitch }: { actor: Actor; devSwitch: boolean }) {
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-surface/90 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg viewBox="0 0 24 24" className="size-5 text-accent" aria-hidden="true">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12 3v18" stroke="currentColor" strokeWidth="2" />
          </svg>
          Meridian
        </Link>
        <MainNav />
        <div className="ml-auto flex items-center gap-2">
          {devSwitch ? (
            <DevUserSwitch current={actor} />
          ) : (
            <span className="text-sm text-muted" title={actor.email}>
              {actor.name}
            </span>
          )}
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
