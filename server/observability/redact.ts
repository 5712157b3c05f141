import "server-only";

export const REDACTED = "[REDACTED]";

// Keys compared lower-cased with `-` and `_` removed, so `x-goog-iap-jwt-assertion`,
// `X_Goog_Iap_Jwt_Assertion` and `xGoogIapJwtAssertion` are one key.
const SECRET_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "xgoogiapjwtassertion",
  "assertion",
  "jwt",
  "password",
  "passwd",
  "pwd",
  "secret",
  "token",
  "signature",
  "xhubsignature",
  "xhubsignature256",
  "credentials",
]);
const SECRET_PARTS = [
  "password",
  "secret",
  "token",
  "privatekey",
  "apikey",
  "authorization",
  "cookie",
  "credential",
];

/** Whether a value under this key is a secret whatever it holds (`key`, `*Key`, `*token*`, …). */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return SECRET_KEYS.has(k) || k.endsWith("key") || SECRET_PARTS.some((part) => k.includes(part));
}

const SCRUBBED_ENV = ["GITHUB_APP_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET", "GITHUB_TOKEN"] as const;
// Shorter values would blank ordinary words; secrets this short are not secrets.
const MIN_SECRET_LENGTH = 4;

/**
 * The configured secrets' values, read from the environment at each call (so a test that sets
 * them sees them scrubbed): the GitHub credentials, each line of a PEM key, and the password in
 * DATABASE_URL (raw and percent-decoded).
 */
export function secretValues(source: Record<string, string | undefined> = process.env): string[] {
  const values = new Set<string>();
  const add = (v: string | undefined) => {
    if (v && v.trim().length >= MIN_SECRET_LENGTH) values.add(v.trim());
  };
  for (const name of SCRUBBED_ENV) {
    const value = source[name];
    add(value);
    // A PEM key may surface a line at a time (or with `\n` escaped): scrub its body lines too.
    for (const line of value?.split(/\\n|\r?\n/) ?? []) if (!line.includes("PRIVATE KEY")) add(line);
  }
  const url = source.DATABASE_URL;
  if (url) {
    const raw = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1];
    add(raw);
    try {
      add(raw && decodeURIComponent(raw));
    } catch {
      // A malformed escape: the raw form is scrubbed already.
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every configured secret's value, URL passwords and bearer tokens in a string. */
export function scrubString(text: string, secrets: string[] = secretValues()): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, `$1${REDACTED}@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` that is safe to log: values under secret keys are replaced at any depth,
 * strings are scrubbed of the configured secrets, errors become `{ name, message, code, stack,
 * cause }` (scrubbed too), Headers and Maps become objects, and cycles are cut.
 */
export function redact(value: unknown, secrets: string[] = secretValues()): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return scrubString(v, secrets);
    if (typeof v === "bigint") return v.toString();
    if (v === null || typeof v !== "object") return typeof v === "function" ? undefined : v;
    if (seen.has(v)) return "[Circular]";
    if (depth >= MAX_DEPTH) return "[Truncated]";
    seen.add(v);
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Error) return walk(errorFields(v), depth);
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const entries =
      v instanceof Headers || v instanceof Map
        ? [...(v as Map<unknown, unknown>).entries()].map(([k, item]) => [String(k), item] as const)
        : Object.entries(v);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries)
      out[key] = isSecretKey(key) && item !== undefined && item !== null ? REDACTED : walk(item, depth + 1);
    return out;
  };
  return walk(value, 0);
}

function errorFields(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  };
}

/** Names of the configured secrets whose values occur in `text` (for tests: expect it to be empty). */
export function leakedSecrets(
  text: string,
  source: Record<string, string | undefined> = process.env,
): string[] {
  const leaked: string[] = [];
  for (const name of SCRUBBED_ENV) {
    const value = source[name]?.trim();
    if (value && value.length >= MIN_SECRET_LENGTH && text.includes(value)) leaked.push(name);
  }
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(source.DATABASE_URL ?? "")?.[1];
  if (password && password.length >= MIN_SECRET_LENGTH && text.includes(password))
    leaked.push("DATABASE_URL");
  return leaked;
}
