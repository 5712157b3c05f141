import "server-only";
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";

export interface IapConfig {
  audience: string;
  issuer: string;
  jwksUrl: string;
}

export interface VerifiedIdentity {
  email: string;
  subject: string;
}

export type IapFailure =
  | "missing"
  | "malformed"
  | "bad-signature"
  | "wrong-audience"
  | "wrong-issuer"
  | "expired"
  | "not-yet-valid"
  | "bad-algorithm"
  | "no-email"
  | "keys-unavailable";

export class IapVerificationError extends Error {
  override name = "IapVerificationError";

  constructor(
    readonly reason: IapFailure,
    message: string,
  ) {
    super(message);
  }
}

const CLOCK_TOLERANCE_SECONDS = 30;
const ACCOUNTS_PREFIX = "accounts.google.com:";

/** Returns a verifier for `x-goog-iap-jwt-assertion` values; create one per process so its key cache is reused. */
export function createIapVerifier(
  config: IapConfig,
): (assertion: string | null | undefined) => Promise<VerifiedIdentity> {
  const remoteKeys = createRemoteJWKSet(new URL(config.jwksUrl));

  // Failing to obtain the key set (network, timeout, non-200, bad JSON, bad key) is our outage, not a bad
  // token, so it must not be reported as one. Only "no key matches this token" says something about the token.
  const keys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
        throw err;
      throw new IapVerificationError("keys-unavailable", `IAP signing keys unavailable: ${messageOf(err)}`);
    }
  };

  return async (assertion) => {
    if (!assertion) throw new IapVerificationError("missing", "No IAP assertion was presented");

    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, keys, {
        algorithms: ["ES256"],
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // jose treats exp as optional; a token without one would never expire.
        requiredClaims: ["exp", "sub"],
      }));
    } catch (err) {
      if (err instanceof IapVerificationError) throw err;
      if (!(err instanceof errors.JOSEError)) throw err;
      throw new IapVerificationError(reasonFor(err), `IAP assertion rejected: ${err.message}`);
    }

    if (typeof payload.sub !== "string" || payload.sub === "")
      throw new IapVerificationError("malformed", 'IAP assertion has no usable "sub" claim');
    const email = normalizeEmail(payload.email);
    if (!email) throw new IapVerificationError("no-email", 'IAP assertion has no usable "email" claim');
    return { email, subject: payload.sub };
  };
}

function reasonFor(err: errors.JOSEError): IapFailure {
  if (err instanceof errors.JWTClaimValidationFailed) {
    // "invalid" means the claim has the wrong type, e.g. a string nbf: that is a broken token, not a timing issue.
    if (err.reason === "invalid") return "malformed";
    if (err.claim === "aud") return "wrong-audience";
    if (err.claim === "iss") return "wrong-issuer";
    if (err.claim === "nbf") return "not-yet-valid";
    return "malformed";
  }
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JOSEAlgNotAllowed) return "bad-algorithm";
  if (
    err instanceof errors.JWSSignatureVerificationFailed ||
    err instanceof errors.JWKSNoMatchingKey ||
    err instanceof errors.JWKSMultipleMatchingKeys
  )
    return "bad-signature";
  return "malformed";
}

function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  let email = value.trim().toLowerCase();
  if (email.startsWith(ACCOUNTS_PREFIX)) email = email.slice(ACCOUNTS_PREFIX.length);
  return email.includes("@") ? email : undefined;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}
