import { createPrivateKey } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { databaseUrl, stack, stackSecrets } from "./stack";

// Runs after the production journeys (the teardown of their project, so also when one failed):
// no canary secret appears in any log the stack wrote, and the logs are real (non-empty), so
// the scan could have failed.

/** The PEM's base64 lines, in the PKCS#8 form given and the PKCS#1 form a library may convert it to. */
function keyLines(pem: string): string[] {
  const pkcs1 = createPrivateKey(pem).export({ type: "pkcs1", format: "pem" }).toString();
  return [pem, pkcs1].flatMap((text) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length >= 32 && !line.startsWith("-----")),
  );
}

test("no canary secret appears in any log of the production stack", () => {
  const secrets = stackSecrets();
  const canaries: [string, string][] = [
    ["the GitHub App private key", secrets.githubAppPrivateKey.trim()],
    ["the GitHub App private key, JSON-escaped", JSON.stringify(secrets.githubAppPrivateKey).slice(1, -1)],
    ...keyLines(secrets.githubAppPrivateKey).map((line, i): [string, string] => [
      `line ${i + 1} of the GitHub App private key`,
      line,
    ]),
    ["the GitHub webhook secret", secrets.githubWebhookSecret],
    ["the database password", secrets.databasePassword],
    ["the DATABASE_URL", databaseUrl()],
  ];

  const files = fs.readdirSync(stack.logDir).filter((f) => f.endsWith(".log"));
  for (const required of [
    "launcher.stdout.log",
    "launcher.stderr.log",
    "portal-a.stdout.log",
    "portal-a.stderr.log",
    "portal-b.stdout.log",
    "portal-b.stderr.log",
  ])
    expect(files).toContain(required);
  // Each process said something (at least Next.js's start banner), so there is something to scan.
  for (const name of ["launcher", "portal-a", "portal-b"])
    expect(fs.statSync(path.join(stack.logDir, `${name}.stdout.log`)).size).toBeGreaterThan(0);

  const found: string[] = [];
  let scanned = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(stack.logDir, file), "utf8");
    scanned += text.length;
    for (const [what, value] of canaries) if (text.includes(value)) found.push(`${what} in ${file}`);
  }
  expect(scanned).toBeGreaterThan(0);
  // Names only: the report must not print the secrets either.
  expect(found, `canary secrets found in ${stack.logDir}`).toEqual([]);
});
