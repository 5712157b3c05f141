import "server-only";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that a browser sent on behalf of another site. Behind IAP the
 * browser's session cookie travels with any request, so cross-site request forgery must be stopped
 * here. Browsers send Sec-Fetch-Site and Origin on such requests; API clients (curl, scripts) send
 * neither and are allowed, since they carry their own credentials.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none")
    throw new AppError("forbidden", `Cross-site request refused (Sec-Fetch-Site: ${site})`);
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = origin === "null" ? undefined : new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (!originHost || originHost !== host)
    throw new AppError("forbidden", `Cross-site request refused (Origin ${origin} is not ${host})`);
}
