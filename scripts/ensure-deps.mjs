// Installs dependencies when node_modules is missing or older than package-lock.json, so the
// README's two commands work on a fresh clone.
import { execSync } from "node:child_process";
import fs from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale =
  !fs.existsSync(marker) || fs.statSync("package-lock.json").mtimeMs > fs.statSync(marker).mtimeMs;
if (stale) {
  console.log("[meridian] installing dependencies (npm ci)…");
  execSync("npm ci --no-audit --no-fund", {
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
  });
}
