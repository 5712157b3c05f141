// A local GitHub REST API for the GitHub provider's tests: node:http on 127.0.0.1 (port 0) over an
// in-memory git repository (github-model.ts, endpoints in github-routes.ts). Tokens are checked
// (`token <t>` or `Bearer <t>`); with `app` set, POST /app/installations/{id}/access_tokens takes an
// RS256 JWT signed by the app's key and issues an installation token the other endpoints accept.
// Faults: failNext (answer instead of doing), delayNext (hold the answer back), failAfter (do, then
// answer an error). Every request is logged in `requests`.
import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import http, { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { GitModel, type Pull } from "./github-model";
import { HttpError, routes, type Reply } from "./github-routes";

export interface FaultMatch {
  method: string;
  /** A string matches a path that equals or ends with it; a RegExp is tested against the path. */
  pathPattern: string | RegExp;
  /** How many matching requests this applies to (default 1). */
  times?: number;
}

export interface FailFault extends FaultMatch {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoggedRequest {
  method: string;
  /** Decoded path, without the query. */
  path: string;
  query: string;
  authorization: string | undefined;
  status: number;
  at: number;
}

export interface GitHubDoubleOptions {
  owner: string;
  repo: string;
  baseBranch?: string;
  /** The base branch's files at the start. */
  files?: Record<string, string>;
  /** Tokens accepted as `token <t>` / `Bearer <t>`. */
  tokens?: string[];
  /** A GitHub App: its id, public key (PEM or KeyObject) and the installation on this repository. */
  app?: { appId: number; publicKey: string | KeyObject; installationId: number };
}

type Fault =
  | ({ kind: "fail" } & FailFault)
  | ({ kind: "after" } & FailFault)
  | ({ kind: "delay"; ms: number } & FaultMatch);

export class GitHubDouble {
  readonly model: GitModel;
  readonly requests: LoggedRequest[] = [];
  /** Installation tokens issued through the app flow. */
  readonly issuedTokens: string[] = [];
  private readonly tokens: Set<string>;
  private readonly faults: Fault[] = [];
  /** Anything the double itself failed on (a bug in it, not an injected fault): tests expect none. */
  readonly errors: unknown[] = [];
  private readonly server = http.createServer((req, res) => {
    res.on("error", () => {}); // the client may have given up (timeouts)
    this.handle(req, res).catch((error: unknown) => {
      this.errors.push(error);
      if (!res.headersSent && !res.destroyed)
        res.writeHead(500).end(JSON.stringify({ message: String(error) }));
    });
  });

  constructor(private readonly options: GitHubDoubleOptions) {
    this.model = new GitModel(options.baseBranch ?? "main", options.files ?? {});
    this.tokens = new Set(options.tokens ?? []);
  }

  /** The API's base URL, e.g. http://127.0.0.1:PORT (what Octokit takes as baseUrl). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Listens on 127.0.0.1:`port` (default: a free port). */
  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", resolve);
    });
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(fault: FailFault): void {
    this.faults.push({ kind: "fail", ...fault });
  }

  delayNext(fault: FaultMatch & { ms: number }): void {
    this.faults.push({ kind: "delay", ...fault });
  }

  failAfter(fault: FaultMatch & { status?: number }): void {
    this.faults.push({ kind: "after", status: 500, ...fault });
  }

  branches(): string[] {
    return [...this.model.refs.keys()];
  }

  pulls(): Pull[] {
    return this.model.pulls;
  }

  fileAt(branch: string, path: string): string | null {
    return this.model.fileAt(branch, path);
  }

  /** Logged requests with this method whose path ends with (or matches) `path`. */
  calls(method: string, path: string | RegExp): LoggedRequest[] {
    return this.requests.filter((r) => r.method === method && matches(path, r.path));
  }

  private takeFault(kind: Fault["kind"], method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => f.kind === kind && f.method === method && matches(f.pathPattern, path),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname);
    const entry: LoggedRequest = {
      method,
      path,
      query: url.search,
      authorization: req.headers.authorization,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(entry);
    const send = (reply: Reply, headers: Record<string, string> = {}) => {
      entry.status = reply.status;
      if (res.destroyed || req.socket.destroyed) return;
      res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(reply.body));
    };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const delay = this.takeFault("delay", method, path);
    if (delay?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const fail = this.takeFault("fail", method, path);
    if (fail?.kind === "fail") {
      const body = fail.body ?? { message: STATUS_CODES[fail.status] ?? "Error" };
      return send({ status: fail.status, body }, fail.headers);
    }
    let reply: Reply;
    try {
      const body = parseBody(Buffer.concat(chunks).toString("utf8"));
      reply = this.route(method, path, url.searchParams, body, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = { status: error.status, body: error.body };
    }
    const after = this.takeFault("after", method, path);
    if (after?.kind === "after") {
      const body = after.body ?? { message: STATUS_CODES[after.status] ?? "Error" };
      return send({ status: after.status, body }, after.headers);
    }
    send(reply);
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    authorization?: string,
  ): Reply {
    const credential = /^(?:token|bearer) (\S+)$/i.exec(authorization ?? "")?.[1];
    const installation = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && installation) return this.issueToken(Number(installation[1]), credential);
    if (!credential || !this.tokens.has(credential)) {
      throw new HttpError(401, {
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      });
    }
    const { owner, repo } = this.options;
    const prefix = `/repos/${owner}/${repo}`;
    if (!path.startsWith(`${prefix}/`)) throw new HttpError(404, { message: "Not Found", status: "404" });
    const rest = path.slice(prefix.length);
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(rest) : null;
      if (match) return route.handle({ model: this.model, owner, repo, params: match.slice(1), query, body });
    }
    throw new HttpError(404, { message: "Not Found", status: "404" });
  }

  /** GitHub App installation token: the caller must present a valid RS256 JWT issued by the app. */
  private issueToken(installationId: number, jwt: string | undefined): Reply {
    const app = this.options.app;
    const unauthorized = (message: string) => new HttpError(401, { message, status: "401" });
    if (!app) throw new HttpError(404, { message: "Not Found", status: "404" });
    const [header, payload, signature] = (jwt ?? "").split(".");
    if (!header || !payload || !signature) throw unauthorized("A JSON web token could not be decoded");
    const head = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const key = typeof app.publicKey === "string" ? createPublicKey(app.publicKey) : app.publicKey;
    const valid = verify(
      "RSA-SHA256",
      Buffer.from(`${header}.${payload}`),
      key,
      Buffer.from(signature, "base64url"),
    );
    if (head.alg !== "RS256" || !valid) throw unauthorized("A JSON web token could not be decoded");
    const now = Math.floor(Date.now() / 1000);
    if (String(claims.iss) !== String(app.appId))
      throw unauthorized("'Issuer' claim ('iss') must match the app id");
    if (typeof claims.exp !== "number" || claims.exp <= now || claims.exp > now + 600 + 60) {
      throw unauthorized("'Expiration time' claim ('exp') is too far in the future");
    }
    if (installationId !== app.installationId)
      throw new HttpError(404, { message: "Not Found", status: "404" });
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    this.tokens.add(token);
    this.issuedTokens.push(token);
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    return {
      status: 201,
      body: {
        token,
        expires_at: expiresAt,
        permissions: { contents: "write", pull_requests: "write" },
        repository_selection: "selected",
      },
    };
  }
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, { message: "Problems parsing JSON", status: "400" });
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === "string" ? path === pattern || path.endsWith(pattern) : pattern.test(path);
}

export async function startGitHubDouble(
  options: GitHubDoubleOptions & { port?: number },
): Promise<GitHubDouble> {
  return new GitHubDouble(options).listen(options.port);
}
