// The GitHub REST endpoints the GitHub double (github-double.ts) speaks, on the in-memory GitModel.
// Shapes are GitHub's (only the fields a client reads, under their real names); so are the errors,
// e.g. 422 "Reference already exists" and "Validation Failed" with "A pull request already exists".
import { GitModel, type Pull } from "./github-model";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

export interface RouteContext {
  model: GitModel;
  owner: string;
  repo: string;
  /** Captures of the route's pattern. */
  params: string[];
  query: URLSearchParams;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are untyped JSON
  body: any;
}

export interface Reply {
  status: number;
  body: unknown;
}

interface Route {
  method: string;
  /** Matched against the path after /repos/{owner}/{repo}. */
  pattern: RegExp;
  handle(ctx: RouteContext): Reply;
}

const docs = "https://docs.github.com/rest";
const notFound = () => new HttpError(404, { message: "Not Found", documentation_url: docs, status: "404" });
const invalid = (message: string, errors?: unknown[]) =>
  new HttpError(422, { message, ...(errors ? { errors } : {}), documentation_url: docs, status: "422" });
const ok = (body: unknown, status = 200): Reply => ({ status, body });

function refJson(branch: string, sha: string) {
  return { ref: `refs/heads/${branch}`, object: { sha, type: "commit" } };
}

function commitJson(model: GitModel, sha: string) {
  const commit = model.commits.get(sha);
  if (!commit) throw notFound();
  return {
    sha,
    tree: { sha: commit.tree },
    parents: commit.parents.map((parent) => ({ sha: parent })),
    message: commit.message,
    author: commit.author,
  };
}

function pullJson(ctx: RouteContext, pull: Pull, single = false) {
  const { model, owner, repo } = ctx;
  return {
    number: pull.number,
    html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    merged_at: pull.mergedAt,
    ...(single ? { merged: pull.mergedAt !== null } : {}),
    created_at: pull.createdAt,
    head: { ref: pull.head, sha: model.pullHeadSha(pull), label: `${owner}:${pull.head}` },
    base: { ref: pull.base, sha: model.refs.get(pull.base) ?? "", label: `${owner}:${pull.base}` },
    labels: pull.labels.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false })),
  };
}

/** The entries of a flat tree as GitHub lists them: folders as "tree" entries, files as "blob". */
function listTree(model: GitModel, files: Map<string, string>, recursive: boolean, prefix = "") {
  const entries = new Map<string, { path: string; mode: string; type: string; sha: string; size?: number }>();
  for (const [path, sha] of files) {
    if (!path.startsWith(prefix)) continue;
    const parts = path.slice(prefix.length).split("/");
    for (let depth = 1; depth <= (recursive ? parts.length : 1); depth++) {
      const sub = parts.slice(0, depth).join("/");
      if (depth < parts.length) {
        entries.set(sub, { path: sub, mode: "040000", type: "tree", sha: `tree:${prefix}${sub}` });
      } else {
        entries.set(sub, {
          path: sub,
          mode: "100644",
          type: "blob",
          sha,
          size: model.blobs.get(sha)?.length,
        });
      }
    }
  }
  return [...entries.values()];
}

function contents(ctx: RouteContext): Reply {
  const { model, query } = ctx;
  const path = ctx.params[0]!;
  const ref = query.get("ref") ?? model.baseBranch;
  const commit = model.resolve(ref);
  if (!commit) throw new HttpError(404, { message: `No commit found for the ref ${ref}`, status: "404" });
  const files = model.treeOfCommit(commit);
  const blob = files.get(path);
  if (blob !== undefined) {
    const content = model.blobs.get(blob)!;
    const base64 = Buffer.from(content, "utf8").toString("base64");
    return ok({
      type: "file",
      encoding: "base64",
      size: Buffer.byteLength(content),
      name: path.split("/").pop(),
      path,
      sha: blob,
      // GitHub wraps the base64 at 60 characters.
      content: base64.replace(/(.{60})/g, "$1\n"),
    });
  }
  const listing = listTree(model, files, false, `${path}/`);
  if (listing.length === 0) throw notFound();
  return ok(
    listing.map((e) => ({
      type: e.type === "tree" ? "dir" : "file",
      name: e.path,
      path: `${path}/${e.path}`,
      sha: e.sha,
    })),
  );
}

function createPull(ctx: RouteContext): Reply {
  const { model, owner, body } = ctx;
  const head = String(body.head ?? "").replace(`${owner}:`, "");
  const base = String(body.base ?? "");
  if (!body.title)
    throw invalid("Validation Failed", [{ resource: "PullRequest", field: "title", code: "missing_field" }]);
  if (!model.refs.has(head))
    throw invalid("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
  if (!model.refs.has(base))
    throw invalid("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
  if (model.pulls.some((p) => p.head === head && p.base === base && p.state === "open")) {
    const message = `A pull request already exists for ${owner}:${head}.`;
    throw invalid("Validation Failed", [{ resource: "PullRequest", code: "custom", message }]);
  }
  if (model.isAncestor(model.refs.get(head)!, model.refs.get(base)!)) {
    throw invalid("Validation Failed", [
      { resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` },
    ]);
  }
  const pull = model.createPull(head, base, String(body.title), String(body.body ?? ""));
  return ok(pullJson(ctx, pull, true), 201);
}

export const routes: Route[] = [
  { method: "GET", pattern: /^\/contents\/(.+)$/, handle: contents },
  {
    method: "GET",
    pattern: /^\/git\/ref\/heads\/(.+)$/,
    handle: ({ model, params }) => {
      const sha = model.refs.get(params[0]!);
      if (!sha) throw notFound();
      return ok(refJson(params[0]!, sha));
    },
  },
  {
    method: "POST",
    pattern: /^\/git\/refs$/,
    handle: ({ model, body }) => {
      const match = /^refs\/heads\/(.+)$/.exec(String(body.ref ?? ""));
      if (!match) throw invalid("Reference name must start with 'refs/' and have at least two slashes.");
      if (!model.commits.has(body.sha)) throw invalid("Object does not exist");
      if (model.refs.has(match[1]!)) throw invalid("Reference already exists");
      model.refs.set(match[1]!, body.sha);
      return ok(refJson(match[1]!, body.sha), 201);
    },
  },
  {
    method: "PATCH",
    pattern: /^\/git\/refs\/heads\/(.+)$/,
    handle: ({ model, params, body }) => {
      const branch = params[0]!;
      const current = model.refs.get(branch);
      if (!current) throw invalid("Reference does not exist");
      if (!model.commits.has(body.sha)) throw invalid("Object does not exist");
      if (!body.force && !model.isAncestor(current, body.sha)) throw invalid("Update is not a fast forward");
      model.refs.set(branch, body.sha);
      return ok(refJson(branch, body.sha));
    },
  },
  {
    method: "GET",
    pattern: /^\/git\/commits\/(\w+)$/,
    handle: ({ model, params }) => ok(commitJson(model, params[0]!)),
  },
  {
    method: "POST",
    pattern: /^\/git\/commits$/,
    handle: ({ model, body }) => {
      const parents: string[] = body.parents ?? [];
      if (!model.trees.has(body.tree) || parents.some((p) => !model.commits.has(p)))
        throw invalid("Object does not exist");
      const author = {
        name: body.author?.name ?? "app[bot]",
        email: body.author?.email ?? "bot@example.com",
        date: new Date().toISOString(),
      };
      return ok(
        commitJson(model, model.putCommit(body.tree, parents, String(body.message ?? ""), author)),
        201,
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/git\/trees\/(\w+)$/,
    handle: ({ model, params, query }) => {
      const sha = model.commits.get(params[0]!)?.tree ?? params[0]!;
      const files = model.trees.get(sha);
      if (!files) throw notFound();
      const recursive = query.has("recursive") && !["0", "false"].includes(query.get("recursive")!);
      return ok({ sha, tree: listTree(model, files, recursive), truncated: false });
    },
  },
  {
    method: "POST",
    pattern: /^\/git\/trees$/,
    handle: ({ model, body }) => {
      const base = body.base_tree ? model.trees.get(body.base_tree) : new Map<string, string>();
      if (!base) throw invalid("base_tree is not a valid tree oid");
      const files = new Map(base);
      for (const entry of body.tree ?? []) {
        if (entry.sha === null) files.delete(entry.path);
        else if (typeof entry.content === "string") files.set(entry.path, model.putBlob(entry.content));
        else if (model.blobs.has(entry.sha)) files.set(entry.path, entry.sha);
        else throw invalid(`tree.sha ${entry.sha} is not a valid blob`);
      }
      const sha = model.putTree(files);
      return ok({ sha, tree: listTree(model, files, false), truncated: false }, 201);
    },
  },
  {
    method: "POST",
    pattern: /^\/git\/blobs$/,
    handle: ({ model, body }) => {
      const encoding = body.encoding ?? "utf-8";
      if (encoding !== "utf-8" && encoding !== "base64")
        throw invalid(`encoding ${encoding} is not supported`);
      const content =
        encoding === "base64"
          ? Buffer.from(String(body.content), "base64").toString("utf8")
          : String(body.content);
      return ok({ sha: model.putBlob(content) }, 201);
    },
  },
  {
    method: "GET",
    pattern: /^\/git\/blobs\/(\w+)$/,
    handle: ({ model, params }) => {
      const content = model.blobs.get(params[0]!);
      if (content === undefined) throw notFound();
      const size = Buffer.byteLength(content);
      return ok({
        sha: params[0],
        size,
        encoding: "base64",
        content: Buffer.from(content).toString("base64"),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/pulls$/,
    handle: (ctx) => {
      const state = ctx.query.get("state") ?? "open";
      const head = ctx.query.get("head");
      const pulls = ctx.model.pulls
        .filter((p) => state === "all" || p.state === state)
        .filter((p) => !head || `${ctx.owner}:${p.head}` === head)
        .sort((a, b) => b.number - a.number);
      return ok(pulls.map((p) => pullJson(ctx, p)));
    },
  },
  { method: "POST", pattern: /^\/pulls$/, handle: createPull },
  {
    method: "GET",
    pattern: /^\/pulls\/(\d+)$/,
    handle: (ctx) => {
      const pull = ctx.model.pulls.find((p) => p.number === Number(ctx.params[0]));
      if (!pull) throw notFound();
      return ok(pullJson(ctx, pull, true));
    },
  },
  {
    method: "POST",
    pattern: /^\/issues\/(\d+)\/labels$/,
    handle: (ctx) => {
      const pull = ctx.model.pulls.find((p) => p.number === Number(ctx.params[0]));
      if (!pull) throw notFound();
      for (const name of ctx.body.labels ?? [])
        if (!pull.labels.includes(name)) pull.labels.push(String(name));
      return ok(pullJson(ctx, pull).labels);
    },
  },
];
