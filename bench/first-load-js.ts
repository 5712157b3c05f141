// npx tsx bench/first-load-js.ts [--serve]   (part of `npm run bench`; needs `npm run build` first)
//
// First-load JavaScript of the service page (/services/[name]): the gzip size of every JS chunk its
// HTML makes a browser load before the page is interactive, summed and printed against the goal
// (250 kB, kB = 1000 bytes). It reads the output of the last `next build` in .next/; it does not build.
//
// How the chunks are found (Next 16.5, Turbopack). The page's HTML loads, as <script src async>:
//   - the root main files (Turbopack runtime, React, the App Router): `rootMainFiles` in the route's
//     .next/server/app/services/[name]/page/build-manifest.json;
//   - the client chunks of every segment rendered for the route (root layout, error and not-found
//     boundaries, the service layout, the page): `entryJSFiles` of the route's client reference
//     manifest, .next/server/app/services/[name]/page_client-reference-manifest.js (a script that
//     sets globalThis.__RSC_MANIFEST["/services/[name]/page"]; evaluated here in a bare VM context).
// The polyfills (`polyfillFiles`) are a <script noModule>, which browsers with ES modules neither
// download nor run: listed, not counted. Each chunk is gzipped with node:zlib gzipSync at zlib's
// default level, the level `next start` compresses responses with.
//
// --serve checks that reading against the real thing: it starts `next start` on that build (port
// 3190, or any free port if taken; a throw-away embedded database, seeded with the demo fleet),
// fetches /services/checkout-api, and fails unless the page's <script src> tags (noModule excepted)
// are exactly the chunks counted. No chunk referenced only by the inline RSC payload is loaded
// separately by this page today (checked on 16.5: every chunk it names is also a script tag).
//
//   BENCH_NEXT_DIR=.next   the build output to read (default .next in the working directory)
//
// Exits 1 when there is no complete build (run `npm run build` first) or the manifests are not
// where Next 16.5 writes them; otherwise 0, with MET / NOT MET against the goal.

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { table } from "./stats";
import { BenchFailure } from "./verify";

const ROUTE = "/services/[name]";
const PAGE = "/services/checkout-api";
/** First-load JS <= GOAL_KB kB gzip. */
const GOAL_KB = 250;
const PORT = 3190;
const SERVER_TIMEOUT_MS = 120_000;

const distDir = path.resolve(process.env.BENCH_NEXT_DIR ?? ".next");
const routeDir = path.join(distDir, "server", "app", ...ROUTE.split("/").filter(Boolean));

interface RouteChunks {
  /** Loaded at first load, in the order found, each once (paths relative to distDir, e.g. static/chunks/x.js). */
  js: string[];
  /** noModule polyfills: not counted. */
  polyfills: string[];
}

function readJson<T>(file: string): T {
  if (!fs.existsSync(file))
    throw new BenchFailure(`${path.relative(process.cwd(), file)} is missing: is .next a Next 16.5 build?`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function routeChunks(): RouteChunks {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID")))
    throw new BenchFailure(
      `no complete build in ${path.relative(process.cwd(), distDir) || distDir} (no BUILD_ID): run npm run build first`,
    );
  const build = readJson<{ rootMainFiles?: string[]; polyfillFiles?: string[] }>(
    path.join(routeDir, "page", "build-manifest.json"),
  );
  const referenceFile = `${routeDir}/page_client-reference-manifest.js`;
  if (!fs.existsSync(referenceFile))
    throw new BenchFailure(
      `${path.relative(process.cwd(), referenceFile)} is missing: is .next a Next 16.5 build?`,
    );
  const context: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  vm.runInNewContext(fs.readFileSync(referenceFile, "utf8"), context, { filename: referenceFile });
  const entries = context.__RSC_MANIFEST?.[`${ROUTE}/page`]?.entryJSFiles;
  if (!build.rootMainFiles?.length || !entries)
    throw new BenchFailure(
      `the manifests of ${ROUTE} have no rootMainFiles or entryJSFiles: has Next changed their format?`,
    );
  const js = [...new Set([...build.rootMainFiles, ...Object.values(entries).flat()])].filter((f) =>
    f.endsWith(".js"),
  );
  return { js, polyfills: build.polyfillFiles ?? [] };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function sizes(files: string[]) {
  return files.map((file) => {
    const content = fs.readFileSync(path.join(distDir, file));
    return { file, raw: content.length, gzip: gzipSync(content).length };
  });
}

/** Port 3190 if it is free, else one the system picks. */
async function freePort(): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  const port = (await tryPort(PORT)) ?? (await tryPort(0));
  if (port === null) throw new BenchFailure("found no free port for next start");
  return port;
}

/** The <script src> chunks (noModule excepted) of PAGE as `next start` on this build serves it. */
async function servedChunks(): Promise<string[]> {
  const root = path.dirname(distDir);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-first-load-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MERIDIAN_MODE: "embedded",
    MERIDIAN_DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  const log: string[] = [];
  const server = spawn(process.execPath, [nextCli(root), "start", "-p", String(port)], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (d: Buffer) => log.push(d.toString()));
  server.stderr.on("data", (d: Buffer) => log.push(d.toString()));
  let exited = false;
  server.once("exit", () => (exited = true));
  try {
    console.log(`next start on :${port} (data in ${dataDir}), fetching ${PAGE} …`);
    const deadline = Date.now() + SERVER_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new BenchFailure(`next start exited:\n${log.join("")}`);
      const response = await fetch(`http://127.0.0.1:${port}${PAGE}`).catch(() => null);
      if (response?.ok) {
        const html = await response.text();
        return [...html.matchAll(/<script\b[^>]*>/g)]
          .map(([tag]) => tag)
          .filter((tag) => !/\bnoModule\b/i.test(tag))
          .map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1])
          .filter((src): src is string => src !== undefined)
          .map((src) => src.replace(/^.*?\/_next\//, ""));
      }
      if (Date.now() > deadline)
        throw new BenchFailure(
          `${PAGE} did not answer 200 within ${SERVER_TIMEOUT_MS / 1000} s:\n${log.join("")}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    if (!exited && server.pid !== undefined) {
      const gone = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The `next` CLI of the project that was built. */
function nextCli(root: string): string {
  const cli = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(cli)) throw new BenchFailure(`${cli} is missing`);
  return cli;
}

async function main() {
  const chunks = routeChunks();
  const measured = sizes(chunks.js);
  const total = measured.reduce((sum, m) => sum + m.gzip, 0);
  const polyfills = sizes(chunks.polyfills);

  console.log(
    `first-load JS of ${ROUTE} from ${path.relative(process.cwd(), distDir) || distDir} (build ${fs.readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim()})`,
  );
  console.log(
    table([
      ["chunk", "raw", "gzip"],
      ...measured.map((m) => [m.file, kB(m.raw), kB(m.gzip)]),
      ...polyfills.map((m) => [`${m.file} (noModule polyfills, not counted)`, kB(m.raw), kB(m.gzip)]),
    ]),
  );
  console.log(
    `\nfirst-load JS: ${kB(total)} gzip in ${measured.length} chunks — goal <= ${GOAL_KB} kB: ${total <= GOAL_KB * 1000 ? "MET" : "NOT MET"}`,
  );

  if (process.argv.includes("--serve")) {
    const served = await servedChunks();
    const counted = new Set(chunks.js);
    const missing = served.filter((f) => !counted.has(f));
    const unused = chunks.js.filter((f) => !served.includes(f));
    if (missing.length || unused.length)
      throw new BenchFailure(
        `the served page and the manifests disagree: served but not counted [${missing.join(", ")}], counted but not served [${unused.join(", ")}]`,
      );
    console.log(`--serve: the page's ${served.length} <script src> chunks are exactly the ones counted`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchFailure ? `\nFAILED: ${error.message}` : error);
  process.exitCode = 1;
});
