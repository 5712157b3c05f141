import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type Handlebars from "handlebars";
import { z } from "zod";
import { serviceKinds } from "@/lib/catalog";
import type { TemplateField, TemplateSummary } from "@/lib/templates/types";
import { createEngine, languageOf, unescapedInterpolations, type FileLanguage } from "./handlebars-env";

// Templates are folders under templates/: `<id>/template.json` (the manifest) and `<id>/files/**.hbs`,
// plus `_shared/**.hbs` that every template renders unless it has a file of the same path. Paths are
// templates too (`cmd/{{ident name}}/main.go.hbs`). Everything is checked and compiled once per process.

export const TEMPLATES_DIR = path.join(process.cwd(), "templates");
const SHARED = "_shared";

const field: z.ZodType<TemplateField> = z.looseObject({
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  type: z.enum(["text", "select", "multiselect", "boolean", "integer", "list"]),
  label: z.string().min(1),
}) as unknown as z.ZodType<TemplateField>;

const manifest = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: "must be a semantic version" }),
  title: z.string().min(1),
  description: z.string().min(1),
  kind: z.enum(serviceKinds),
  fields: z.array(field).min(1),
  /** Shared files this template does not generate. */
  exclude: z.array(z.string()).optional(),
});

export interface TemplateFile {
  /** The path template relative to the service folder, without `.hbs` and the `[list]` marker. */
  source: string;
  /** `schemas/[recorded]{{…}}.json.hbs`: one file per item of the list answer `recorded`. */
  each: string | null;
  language: FileLanguage;
  path: Handlebars.TemplateDelegate;
  content: Handlebars.TemplateDelegate;
}

export interface LoadedTemplate extends TemplateSummary {
  fields: TemplateField[];
  files: TemplateFile[];
}

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? walk(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)],
    ),
  );
  return nested.flat().filter((f) => f.endsWith(".hbs"));
}

async function compileFolder(engine: typeof Handlebars, dir: string): Promise<Map<string, TemplateFile>> {
  const out = new Map<string, TemplateFile>();
  for (const relative of await walk(dir)) {
    const marker = /\[([a-zA-Z]+)\]/.exec(relative);
    const source = relative.slice(0, -".hbs".length).replace(/\[[a-zA-Z]+\]/, "");
    const language = languageOf(source);
    const text = await readFile(path.join(dir, relative), "utf8");
    const problems = [
      ...unescapedInterpolations(source, "text").map((p) => `path: ${p}`),
      ...unescapedInterpolations(text, language),
    ];
    if (problems.length > 0)
      throw new Error(
        `${path.join(dir, relative)} interpolates without a ${language} escaper: ${problems.join("; ")}`,
      );
    const options = { noEscape: true, strict: false, knownHelpersOnly: false } as const;
    out.set(source, {
      source,
      each: marker?.[1] ?? null,
      language,
      path: engine.compile(source, options),
      content: engine.compile(text, options),
    });
  }
  return out;
}

async function loadAll(): Promise<Map<string, LoadedTemplate>> {
  const engine = createEngine();
  const shared = await compileFolder(engine, path.join(TEMPLATES_DIR, SHARED));
  const ids = (await readdir(TEMPLATES_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && e.name !== SHARED)
    .map((e) => e.name)
    .sort();
  const templates = new Map<string, LoadedTemplate>();
  for (const id of ids) {
    const dir = path.join(TEMPLATES_DIR, id);
    const parsed = manifest.safeParse(JSON.parse(await readFile(path.join(dir, "template.json"), "utf8")));
    if (!parsed.success) throw new Error(`templates/${id}/template.json: ${z.prettifyError(parsed.error)}`);
    if (parsed.data.id !== id) throw new Error(`templates/${id}/template.json: id must be "${id}"`);
    const own = await compileFolder(engine, path.join(dir, "files"));
    const { exclude = [], ...summary } = parsed.data;
    const files = new Map([...shared, ...own]);
    for (const source of exclude)
      if (!files.delete(source))
        throw new Error(`templates/${id}/template.json: exclude names no file "${source}"`);
    templates.set(id, {
      ...summary,
      files: [...files.values()].sort((a, b) => a.source.localeCompare(b.source)),
    });
  }
  return templates;
}

let loaded: Promise<Map<string, LoadedTemplate>> | undefined;

/** Every template, checked and compiled; a broken template fails loudly rather than rendering. */
export function loadTemplates(): Promise<Map<string, LoadedTemplate>> {
  loaded ??= loadAll().catch((error) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
