import "server-only";
import { DEV_USER_COOKIE, IAP_ASSERTION_HEADER } from "@/lib/identity";
import { env } from "@/server/env";
import { createIapVerifier, IapVerificationError } from "./iap";

export interface IdentityRequest {
  headers: Headers;
  cookie(name: string): string | undefined;
}

export interface IdentityProvider {
  readonly kind: "iap" | "dev";
  /** The signed-in person's email; throws IdentityRejected when the request proves nobody. */
  identify(request: IdentityRequest): Promise<string>;
}

export class IdentityRejected extends Error {}

/** Identity-Aware Proxy: every request carries a signed `x-goog-iap-jwt-assertion`. */
export function iapIdentity(config: { audience: string; issuer: string; jwksUrl: string }): IdentityProvider {
  const verify = createIapVerifier(config);
  return {
    kind: "iap",
    async identify(request) {
      try {
        return (await verify(request.headers.get(IAP_ASSERTION_HEADER))).email;
      } catch (error) {
        if (error instanceof IapVerificationError)
          throw new IdentityRejected(`IAP assertion ${error.reason}: ${error.message}`);
        throw error;
      }
    },
  };
}

/** The embedded default: a local developer, switchable through a cookie (dev mode only). */
export function devIdentity(defaultEmail: string): IdentityProvider {
  return {
    kind: "dev",
    async identify(request) {
      return request.cookie(DEV_USER_COOKIE)?.toLowerCase() || defaultEmail;
    },
  };
}

let chosen: IdentityProvider | undefined;

export function identityProvider(): IdentityProvider {
  if (chosen) return chosen;
  const e = env();
  chosen =
    e.MERIDIAN_MODE === "production"
      ? iapIdentity({ audience: e.IAP_AUDIENCE!, issuer: e.IAP_ISSUER, jwksUrl: e.IAP_JWKS_URL })
      : devIdentity(e.MERIDIAN_DEV_USER);
  return chosen;
}
