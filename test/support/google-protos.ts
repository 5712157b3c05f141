import { createRequire } from "node:module";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

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

/**
 * Loads the .proto files a Google Cloud client package ships (and the common ones google-gax
 * ships) as gRPC service definitions, for a double to serve what that client calls.
 */
export function loadGoogleProtos(clientPackage: string, files: string | string[]): grpc.GrpcObject {
  const definition = protoLoader.loadSync(files, {
    includeDirs: [
      path.join(packageRoot(clientPackage), "build/protos"),
      path.join(packageRoot("google-gax"), "build/protos"),
    ],
    // The options google-gax loads with, so requests decode as the client encodes them.
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition);
}
