export type ClassValue = string | number | false | null | undefined;

/**
 * Joins class names, skipping falsy values. There is no tailwind-merge: when a caller's
 * class conflicts with a primitive's (e.g. `h-10` vs `h-8`), use Tailwind's important
 * modifier (`h-10!`) to win.
 */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
