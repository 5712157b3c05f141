import "server-only";
import { AppError } from "@/lib/errors";

/**
 * The request body as bytes, refusing (413-free: a 400 naming the limit) anything larger than
 * `max` without reading it all: a declared Content-Length is checked first, the stream is cut
 * as soon as it passes the limit.
 */
export async function readBodyLimited(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError("bad_request", `Request body is larger than ${max} bytes`, [
      { field: "body", rule: `must be at most ${max} bytes` },
    ]);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
