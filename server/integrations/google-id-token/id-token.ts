import "server-only";
import { GoogleAuth, type IdTokenClient } from "google-auth-library";

// Google ID tokens for calling private Cloud Run services (`run.invoker`), from Application Default
// Credentials: on Cloud Run the metadata server (found through GCE_METADATA_HOST when that is set),
// elsewhere a service-account key in GOOGLE_APPLICATION_CREDENTIALS. The library caches each
// audience's token until shortly before it expires.

const globalForTokens = globalThis as unknown as {
  meridianIdTokens?: { auth: GoogleAuth; clients: Map<string, Promise<IdTokenClient>> };
};

function tokens() {
  return (globalForTokens.meridianIdTokens ??= { auth: new GoogleAuth(), clients: new Map() });
}

/** `Bearer <ID token>` for `audience` (the receiving service's URL). */
export async function idTokenAuthorization(audience: string): Promise<string> {
  const { auth, clients } = tokens();
  let client = clients.get(audience);
  if (!client) {
    client = auth.getIdTokenClient(audience);
    clients.set(audience, client);
    // A failed lookup (no credentials yet, metadata server briefly away) is retried next time.
    client.catch(() => clients.delete(audience));
  }
  const headers = await (await client).getRequestHeaders();
  const value = headers.get("authorization");
  if (!value) throw new Error(`no ID token for ${audience}`);
  return value;
}
