import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

// A double of the Compute/Cloud Run metadata server (the paths google-auth-library and gcp-metadata
// use, found through GCE_METADATA_HOST) that hands out Google-style ID tokens signed by a local RS256
// key, and serves that key at /oauth2/v3/certs the way Google's certificate endpoint does, so a
// receiving service double can verify them.

export const GOOGLE_ISSUER = "https://accounts.google.com";

export interface MetadataDouble {
  /** "127.0.0.1:<port>", the value for GCE_METADATA_HOST. */
  host: string;
  jwksUrl: string;
  /** The service account the tokens are for. */
  email: string;
  /** Audiences an ID token was requested for, in order. */
  identityRequests: string[];
  /** While set, identity requests answer this status (e.g. 500), as a broken metadata server would. */
  identityStatus: number | null;
  publicJwk: JWK;
  close(): Promise<void>;
}

export async function startMetadataDouble({
  email = "meridian-portal@meridian-test.iam.gserviceaccount.com",
  port = 0,
}: { email?: string; port?: number } = {}): Promise<MetadataDouble> {
  const kid = "metadata-double-1";
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };

  const double: MetadataDouble = {
    host: "",
    jwksUrl: "",
    email,
    identityRequests: [],
    identityStatus: null,
    publicJwk,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://metadata");
    const send = (status: number, body: string, type = "application/text") => {
      res.writeHead(status, { "content-type": type, "metadata-flavor": "Google" });
      res.end(body);
    };
    if (url.pathname === "/oauth2/v3/certs") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ keys: [publicJwk] }));
    }
    // The real server refuses any request without the header (it guards against SSRF).
    if (req.headers["metadata-flavor"] !== "Google") return send(403, "Missing Metadata-Flavor: Google");
    const base = "/computeMetadata/v1/";
    if (!url.pathname.startsWith(base)) return send(404, "Not Found");
    const property = url.pathname.slice(base.length);
    if (property === "instance" || property === "instance/") return send(200, "attributes/\nid\nzone\n");
    if (property === "project/project-id") return send(200, "meridian-test");
    const identity = /^instance\/service-accounts\/(default|[^/]+)\/identity$/.exec(property);
    if (identity) {
      const audience = url.searchParams.get("audience");
      if (!audience) return send(400, "non-empty audience parameter required");
      double.identityRequests.push(audience);
      if (double.identityStatus !== null) return send(double.identityStatus, "identity unavailable");
      const now = Math.floor(Date.now() / 1000);
      void new SignJWT({ email, email_verified: true, azp: "1234567890", sub: "1234567890" })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(GOOGLE_ISSUER)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey)
        .then((token) => send(200, token));
      return;
    }
    if (/^instance\/service-accounts\/[^/]+\/token$/.test(property))
      return send(
        200,
        JSON.stringify({
          access_token: "metadata-double-access-token",
          expires_in: 3599,
          token_type: "Bearer",
        }),
        "application/json",
      );
    if (/^instance\/service-accounts\/[^/]+\/email$/.test(property)) return send(200, email);
    send(404, "Not Found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  double.host = `127.0.0.1:${bound}`;
  double.jwksUrl = `http://127.0.0.1:${bound}/oauth2/v3/certs`;
  return double;
}
