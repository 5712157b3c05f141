import "server-only";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";

/**
 * The route pattern of the request being served, e.g. `/api/services/[name]/events`: what Next.js
 * itself knows (its work store's `route`, the app path without `/route`), else derived from the
 * path and the params Next.js matched (route handlers called directly, as in tests).
 */
export function routePattern(pathname: string, params: Record<string, string | string[]>): string {
  const route = workAsyncStorage.getStore()?.route;
  if (route && route.startsWith("/")) return route;
  return patternFromParams(pathname, params);
}

/**
 * Puts each param's name back where its value is, left to right in the params' order (Next.js
 * lists them in path order). A value equal to a static segment before it (a service named
 * `services`) is misplaced: the work store above has the exact answer when Next.js serves.
 */
export function patternFromParams(pathname: string, params: Record<string, string | string[]>): string {
  const segments = pathname.split("/").map(decode);
  let from = 1;
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    for (let i = from; i + values.length <= segments.length; i++) {
      if (!values.every((v, j) => segments[i + j] === v)) continue;
      const placeholder = Array.isArray(value) ? `[...${name}]` : `[${name}]`;
      segments.splice(i, values.length, placeholder);
      from = i + 1;
      break;
    }
  }
  return segments.join("/") || "/";
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
