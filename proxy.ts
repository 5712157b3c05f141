import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { env } from "@/server/env";
import { IdentityRejected, identityProvider } from "@/server/integrations/identity/provider";

/**
 * Production: nothing is served without a valid Identity-Aware Proxy assertion (401 otherwise).
 * API handlers verify identity again in their wrapper; this gate also covers pages and assets.
 */
export async function proxy(request: NextRequest) {
  if (env().MERIDIAN_MODE !== "production") return NextResponse.next();
  try {
    await identityProvider().identify({
      headers: request.headers,
      cookie: (n) => request.cookies.get(n)?.value,
    });
    return NextResponse.next();
  } catch (error) {
    if (!(error instanceof IdentityRejected)) throw error;
    const body = new AppError(
      "unauthenticated",
      "A valid Identity-Aware Proxy assertion is required",
    ).toBody();
    return request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json(body, { status: 401 })
      : new NextResponse("401 Unauthorized: a valid Identity-Aware Proxy assertion is required.\n", {
          status: 401,
          headers: { "content-type": "text/plain" },
        });
  }
}

export const config = {
  // Everything but the health probe (Cloud Run's startup and liveness checks reach it without IAP)
  // and GitHub's webhook, which is authenticated by its HMAC signature instead.
  matcher: ["/((?!api/health$|api/webhooks/github$).*)"],
};
