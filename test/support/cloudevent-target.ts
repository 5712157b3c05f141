import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTP, type CloudEvent } from "cloudevents";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { GOOGLE_ISSUER } from "./metadata-double";

// A private Cloud Run service standing in for the services a replay pushes to: it serves every
// service and region under one origin (paths /<region>/<service>, as MERIDIAN_SERVICE_URL_TEMPLATE
// = http://127.0.0.1:<port>/{region}/{service} addresses them), requires a Google ID token for its
// own URL (signature from the metadata double's key set, issuer, audience, email_verified) as
// Cloud Run's run.invoker check does, and reads each push back with the CloudEvents SDK's receiver.

export interface Received {
  region: string;
  service: string;
  /** The caller's verified email, from the ID token. */
  caller: string;
  event: CloudEvent<unknown>;
  headers: IncomingHttpHeaders;
}

export interface CloudEventTarget {
  /** The origin, which is also the audience tokens must carry. */
  origin: string;
  /** For MERIDIAN_SERVICE_URL_TEMPLATE. */
  template: string;
  received: Received[];
  /** Requests refused for their token, with the reason. */
  refused: string[];
  /** Answers the next `count` pushes with `status` instead of taking them. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startCloudEventTarget(jwksUrl: string, port = 0): Promise<CloudEventTarget> {
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  const failing: number[] = [];
  const target: CloudEventTarget = {
    origin: "",
    template: "",
    received: [],
    refused: [],
    failNext: (count, status) => failing.push(...Array.from({ length: count }, () => status)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const [, region, service] = (req.url ?? "").split("/");
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        let caller: string;
        try {
          if (!token) throw new Error("no bearer token");
          const { payload } = await jwtVerify(token, keys, {
            issuer: GOOGLE_ISSUER,
            audience: target.origin,
          });
          if (payload.email_verified !== true) throw new Error("email not verified");
          caller = String(payload.email);
        } catch (error) {
          target.refused.push((error as Error).message);
          res.writeHead(401).end();
          return;
        }
        const status = failing.shift();
        if (status !== undefined) return res.writeHead(status).end();
        const event = HTTP.toEvent({
          headers: req.headers,
          body: Buffer.concat(chunks),
        }) as CloudEvent<unknown>;
        target.received.push({ region: region!, service: service!, caller, event, headers: req.headers });
        res.writeHead(204).end();
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  target.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.template = `${target.origin}/{region}/{service}`;
  return target;
}
