/** Must match the key ThemeToggle writes. */
export const THEME_STORAGE_KEY = "meridian-theme";

const script = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t!=="light"&&t!=="dark")t="system";document.documentElement.dataset.theme=t}catch(e){}})();`;

/**
 * Applies the stored theme before first paint. Render inside <head> in the root layout,
 * and put `suppressHydrationWarning` on <html> (this script changes its data-theme).
 */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: script }} />;
}
