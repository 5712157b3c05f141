import { describe, it, expect, vi, beforeAll, afterAll } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createIapVerifier,
  IapVerificationError,
  type IapFailure,
} from "../server/integrations/identity/iap";
import {
  createIapSigner,
  hs256Token,
  iapClaims,
  IAP_ISSUER,
  startIapKeyServer,
  unsecuredToken,
  type IapKeyServer,
} from "./support/iap-keys";

vi.mock("server-only", () => ({}));

const AUDIENCE = "/projects/123456789/global/backendServices/987654321";
const ALICE = { sub: "accounts.google.com:1234567890", email: "alice@example.com" };

let keys: IapKeyServer;
let verify: ReturnType<typeof createIapVerifier>;

beforeAll(async () => {
  keys = await startIapKeyServer({ audience: AUDIENCE });
  verify = createIapVerifier({ audience: AUDIENCE, issuer: IAP_ISSUER, jwksUrl: keys.jwksUrl });
});

afterAll(() => keys.close());

async function expectRejection(assertion: string | null | undefined, reason: IapFailure, v = verify) {
  const err = await v(assertion).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IapVerificationError);
  expect((err as IapVerificationError).reason).toBe(reason);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("createIapVerifier", () => {
  it("accepts a valid assertion and returns email and subject", async () => {
    await expect(verify(await keys.sign(ALICE))).resolves.toEqual({
      email: "alice@example.com",
      subject: ALICE.sub,
    });
  });

  it("strips an accounts.google.com: prefix and lowercases the email", async () => {
    const token = await keys.sign({ ...ALICE, email: "accounts.google.com:Alice@Example.COM" });
    await expect(verify(token)).resolves.toMatchObject({ email: "alice@example.com" });
  });

  it("fetches the key set once per verifier and reuses it", async () => {
    const fresh = createIapVerifier({ audience: AUDIENCE, issuer: IAP_ISSUER, jwksUrl: keys.jwksUrl });
    const before = keys.jwksRequests;
    await fresh(await keys.sign(ALICE));
    await fresh(await keys.sign(ALICE));
    expect(keys.jwksRequests - before).toBe(1);
  });

  it.each([undefined, null, ""])("rejects a missing assertion (%j) as missing", async (value) => {
    await expectRejection(value, "missing");
  });

  it.each(["garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30"])("rejects %j as malformed", async (value) => {
    await expectRejection(value, "malformed");
  });

  it("rejects a token signed by an unknown key that reuses the served kid as bad-signature", async () => {
    const rogue = await createIapSigner({ audience: AUDIENCE, kid: keys.kid });
    await expectRejection(await rogue.sign(ALICE), "bad-signature");
  });

  it("rejects a token signed by an unknown key with its own kid as bad-signature", async () => {
    const rogue = await createIapSigner({ audience: AUDIENCE });
    await expectRejection(await rogue.sign(ALICE), "bad-signature");
  });

  it("rejects a wrong audience", async () => {
    await expectRejection(
      await keys.sign({ ...ALICE, aud: "/projects/1/global/backendServices/2" }),
      "wrong-audience",
    );
  });

  it("rejects a missing audience as wrong-audience", async () => {
    await expectRejection(await keys.sign({ ...ALICE, aud: undefined }), "wrong-audience");
  });

  it("rejects a wrong issuer", async () => {
    await expectRejection(await keys.sign({ ...ALICE, iss: "https://evil.example.com" }), "wrong-issuer");
  });

  it("rejects an expired token", async () => {
    const now = nowSeconds();
    await expectRejection(await keys.sign({ ...ALICE, iat: now - 700, exp: now - 60 }), "expired");
  });

  it("tolerates 30 s of clock skew on exp", async () => {
    const now = nowSeconds();
    await expect(verify(await keys.sign({ ...ALICE, iat: now - 610, exp: now - 10 }))).resolves.toBeDefined();
  });

  it("rejects a token that is not valid yet", async () => {
    await expectRejection(await keys.sign({ ...ALICE, nbf: nowSeconds() + 120 }), "not-yet-valid");
  });

  it("rejects a token without exp as malformed", async () => {
    await expectRejection(await keys.sign({ ...ALICE, exp: undefined }), "malformed");
  });

  // jose checks the header alg against `algorithms` before resolving a key or looking at the signature,
  // so alg "none" raises JOSEAlgNotAllowed (not JWSInvalid) and never reaches the key set.
  it("rejects alg none as bad-algorithm", async () => {
    await expectRejection(unsecuredToken(iapClaims(AUDIENCE, ALICE)), "bad-algorithm");
  });

  it("rejects an HS256 token keyed with the served public key as bad-algorithm", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keys.publicJwk));
    await expectRejection(await hs256Token(iapClaims(AUDIENCE, ALICE), secret, keys.kid), "bad-algorithm");
  });

  it("rejects a token without email as no-email", async () => {
    await expectRejection(await keys.sign({ sub: ALICE.sub }), "no-email");
  });

  it("rejects a token whose email claim is not an address as no-email", async () => {
    await expectRejection(await keys.sign({ ...ALICE, email: "accounts.google.com:" }), "no-email");
  });

  it("reports an unreachable key set as keys-unavailable", async () => {
    const port = await closedPort();
    const offline = createIapVerifier({
      audience: AUDIENCE,
      issuer: IAP_ISSUER,
      jwksUrl: `http://127.0.0.1:${port}/jwk`,
    });
    await expectRejection(await keys.sign(ALICE), "keys-unavailable", offline);
  });

  it("reports a key set endpoint answering non-200 as keys-unavailable", async () => {
    const broken = createIapVerifier({
      audience: AUDIENCE,
      issuer: IAP_ISSUER,
      jwksUrl: new URL("/not-there", keys.jwksUrl).href,
    });
    await expectRejection(await keys.sign(ALICE), "keys-unavailable", broken);
  });
});

/** A local port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
