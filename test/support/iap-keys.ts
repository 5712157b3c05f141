import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from "jose";

export const IAP_ISSUER = "https://cloud.google.com/iap";
export const IAP_JWKS_PATH = "/jwk";

export interface IapSignerOptions {
  audience: string;
  issuer?: string;
  kid?: string;
}

export interface IapSigner {
  kid: string;
  publicJwk: JWK;
  /** Signs `claims` over the IAP defaults (iss, aud, iat now, exp +10 min); set a claim to undefined to omit it. */
  sign(claims?: JWTPayload, opts?: { kid?: string }): Promise<string>;
}

export interface IapKeyServer extends IapSigner {
  jwksUrl: string;
  /** How many times the key set has been fetched. */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

/** The claims IAP puts in every assertion, with `overrides` applied on top. */
export function iapClaims(audience: string, overrides: JWTPayload = {}, issuer = IAP_ISSUER): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: audience, iat: now, exp: now + 600, ...overrides };
}

/** An ES256 key pair and signer that is not served anywhere; use it directly to forge tokens with an unknown key. */
export async function createIapSigner({
  audience,
  issuer = IAP_ISSUER,
  kid = randomUUID(),
}: IapSignerOptions): Promise<IapSigner> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return {
    kid,
    publicJwk,
    sign: (claims = {}, opts = {}) =>
      new SignJWT(iapClaims(audience, claims, issuer))
        .setProtectedHeader({ alg: "ES256", kid: opts.kid ?? kid })
        .sign(privateKey),
  };
}

/** Serves a fresh signer's public key as a JWK set at `${origin}/jwk`, like https://www.gstatic.com/iap/verify/public_key-jwk. */
export async function startIapKeyServer(
  options: IapSignerOptions & { port?: number },
): Promise<IapKeyServer> {
  const signer = await createIapSigner(options);
  const body = JSON.stringify({ keys: [signer.publicJwk] });
  let jwksRequests = 0;

  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === IAP_JWKS_PATH) {
      jwksRequests++;
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    ...signer,
    jwksUrl: `http://127.0.0.1:${port}${IAP_JWKS_PATH}`,
    get jwksRequests() {
      return jwksRequests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps connections alive, which would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** An `alg: none` token (no signature). */
export function unsecuredToken(claims: JWTPayload): string {
  return new UnsecuredJWT(claims).encode();
}

/** An HS256 token; pass the served public JWK as the secret and its kid to mimic an algorithm-confusion attack. */
export function hs256Token(claims: JWTPayload, secret: Uint8Array, kid?: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", ...(kid && { kid }) }).sign(secret);
}
