import "server-only";
import Handlebars from "handlebars";
import {
  goString,
  hclList,
  hclString,
  hclStringBody,
  identifier,
  jsonValue,
  markdownText,
  terraformName,
} from "./escape";

// The template engine: an isolated Handlebars with one escaping helper per target language, and a
// policy checked when a template loads: every `{{…}}` must call a helper allowed for the file's
// language. A bare `{{name}}` (or a helper for another language) is refused, so no answer can reach
// a generated file unescaped, whoever writes the template.

export type FileLanguage = "hcl" | "go" | "json" | "markdown" | "gomod" | "text";

/** Per-render values the helpers need besides the answers. */
export interface RenderContext {
  /** `source` and `version` lines of a platform module call. */
  moduleSource(module: string): { source: string; version: string | null };
  /** The google_monitoring_dashboard resource for this service (lib/dashboards/dashboard-hcl.ts). */
  dashboardTerraform(): string;
  /** The google_monitoring_alert_policy resources for this service (lib/alerts/alert-policy-hcl.ts). */
  alertsTerraform(): string;
}

const escapers: Record<FileLanguage, string[]> = {
  hcl: [
    "hcl",
    "hcl-body",
    "hcl-list",
    "hcl-object",
    "hcl-number",
    "tf-name",
    "ident",
    "module-source",
    "dashboard-terraform",
    "alerts-terraform",
  ],
  go: ["go", "ident"],
  json: ["json", "ident"],
  markdown: ["md", "ident", "tf-name"],
  gomod: ["ident"],
  text: ["ident", "path-segment"],
};
const BLOCKS = new Set(["if", "unless", "each", "with"]);
/** Helpers that compute a value, allowed only as `(…)` inside a block or an escaping helper. */
const VALUE_HELPERS = new Set(["eq", "ne", "and", "or", "not", "join", "list"]);

export function languageOf(path: string): FileLanguage {
  if (path.endsWith(".tf")) return "hcl";
  if (path.endsWith(".go")) return "go";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  if (path.endsWith("go.mod")) return "gomod";
  return "text";
}

function str(value: unknown, helper: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new Error(`{{${helper}}} needs text, got ${JSON.stringify(value)}`);
}

const context = (options: Handlebars.HelperOptions) => options.data.root.__context as RenderContext;

export function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("hcl", (v: unknown) =>
    typeof v === "number" || typeof v === "boolean" ? String(v) : hclString(str(v, "hcl")),
  );
  hb.registerHelper("hcl-object", (items: unknown, key: string, value: string, indent: number) => {
    if (!Array.isArray(items)) throw new Error("{{hcl-object}} needs a list");
    const pad = " ".repeat(indent);
    const entries = (items as Record<string, unknown>[]).map((i) => [
      hclString(str(i[key], "hcl-object")),
      hclString(str(i[value], "hcl-object")),
    ]);
    const width = Math.max(...entries.map(([k]) => k!.length));
    // A multi-line object with its `=` aligned, as `terraform fmt` writes it.
    return ["{", ...entries.map(([k, v]) => `${pad}  ${k!.padEnd(width)} = ${v}`), `${pad}}`].join("\n");
  });
  hb.registerHelper("hcl-body", (v: unknown) => hclStringBody(str(v, "hcl-body")));
  hb.registerHelper("hcl-list", (v: unknown) => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
      throw new Error("{{hcl-list}} needs a list of text");
    return hclList(v as string[]);
  });
  hb.registerHelper("hcl-number", (v: unknown) => {
    const text = str(v, "hcl-number");
    if (!/^\d{1,15}$/.test(text))
      throw new Error(`{{hcl-number}} needs a whole number, got ${JSON.stringify(v)}`);
    return text;
  });
  hb.registerHelper("path-segment", (v: unknown) => {
    const text = str(v, "path-segment");
    if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(text))
      throw new Error(`Not a safe file name: ${JSON.stringify(text)}`);
    return text;
  });
  hb.registerHelper("tf-name", (v: unknown) => terraformName(str(v, "tf-name")));
  hb.registerHelper("ident", (v: unknown) => identifier(str(v, "ident")));
  hb.registerHelper("go", (v: unknown) => goString(str(v, "go")));
  hb.registerHelper("json", (v: unknown) => jsonValue(v));
  hb.registerHelper("md", (v: unknown) => markdownText(str(v, "md")));
  hb.registerHelper("module-source", (module: string, options: Handlebars.HelperOptions) => {
    const { source, version } = context(options).moduleSource(identifier(module));
    // Written aligned as `terraform fmt` would, for a module block's first lines (indent 2).
    return version
      ? `source  = ${hclString(source)}\n  version = ${hclString(version)}`
      : `source = ${hclString(source)}`;
  });
  hb.registerHelper("dashboard-terraform", (options: Handlebars.HelperOptions) =>
    context(options).dashboardTerraform(),
  );
  hb.registerHelper("alerts-terraform", (options: Handlebars.HelperOptions) =>
    context(options).alertsTerraform(),
  );
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("ne", (a: unknown, b: unknown) => a !== b);
  hb.registerHelper("and", (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper("not", (a: unknown) => !a);
  hb.registerHelper("list", (...args: unknown[]) => args.slice(0, -1));
  hb.registerHelper("join", (...args: unknown[]) =>
    args
      .slice(0, -1)
      .map((a) => str(a, "join"))
      .join(""),
  );
  return hb;
}

type Node = hbs.AST.Node;

/** The helper names a template uses in `{{…}}` that are not allowed for its language. */
export function unescapedInterpolations(source: string, language: FileLanguage): string[] {
  const allowed = new Set(escapers[language]);
  const problems: string[] = [];
  const checkSubExpressions = (params: hbs.AST.Expression[], line: number): void => {
    for (const p of params) {
      if (p.type !== "SubExpression") continue;
      const sub = p as hbs.AST.SubExpression;
      const name = (sub.path as hbs.AST.PathExpression).original;
      if (!VALUE_HELPERS.has(name)) problems.push(`(${name} …) at line ${line}`);
      checkSubExpressions(sub.params, line);
    }
  };
  const visit = (node: Node | undefined | null): void => {
    if (!node) return;
    switch (node.type) {
      case "Program":
        (node as hbs.AST.Program).body.forEach(visit);
        return;
      case "MustacheStatement": {
        const m = node as hbs.AST.MustacheStatement;
        const head =
          m.path.type === "PathExpression" ? (m.path as hbs.AST.PathExpression).original : m.path.type;
        const bare = m.params.length === 0 && head !== "dashboard-terraform" && head !== "alerts-terraform";
        if (!allowed.has(head) || bare)
          problems.push(`{{${head}${m.params.length ? " …" : ""}}} at line ${m.loc.start.line}`);
        checkSubExpressions(m.params, m.loc.start.line);
        return;
      }
      case "BlockStatement": {
        const b = node as hbs.AST.BlockStatement;
        const head = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCKS.has(head)) problems.push(`{{#${head}}} at line ${b.loc.start.line}`);
        checkSubExpressions(b.params, b.loc.start.line);
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        problems.push(
          `${node.type} at line ${node.loc.start.line} (partials and decorators are not allowed)`,
        );
        return;
      default:
        return;
    }
  };
  visit(Handlebars.parse(source));
  return problems;
}
