import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The folder of an installed npm package (where its shipped .proto files live). */
export function packageRoot(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!dir.endsWith(path.join("node_modules", name))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = parent;
  }
  return dir;
}
