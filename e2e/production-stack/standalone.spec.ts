import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The standalone server the portals of this stack run is what the container image ships
// (Dockerfile): it holds the server, its traced node_modules and the files read at run time
// (templates, the Prisma schema and migrations), never the project's sources, tests or docs.

const standalone = path.join(process.cwd(), ".next/standalone");

/** Files outside node_modules and .next, relative to the standalone folder. */
function ownFiles(dir = standalone): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    if (dir === standalone && (entry.name === "node_modules" || entry.name === ".next")) return [];
    return entry.isDirectory() ? ownFiles(full) : [path.relative(standalone, full)];
  });
}

test("the standalone server holds only what it runs: no sources, tests, benchmarks or docs", () => {
  const top = fs.readdirSync(standalone).sort();
  expect(top).toEqual([".next", "node_modules", "package.json", "prisma", "server.js", "templates"]);
  const files = ownFiles();
  expect(files).toContain("prisma/schema.prisma");
  expect(files.filter((f) => f.startsWith("templates/") && f.endsWith(".hbs")).length).toBeGreaterThan(10);
  expect(files.filter((f) => /\.(tsx?|mjs)$/.test(f))).toEqual([]);
});
