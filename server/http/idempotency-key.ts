import "server-only";
import { AppError } from "@/lib/errors";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's Idempotency-Key header, checked (400 naming it), or null when absent. */
export function idempotencyKey(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key))
    throw new AppError("bad_request", "Invalid Idempotency-Key header", [
      { field: "headers.idempotency-key", rule: "must be 1-200 printable ASCII characters" },
    ]);
  return key;
}
