import "server-only";
import type { PreviewCheck, PreviewFile, PreviewResponse } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import { deriveValues } from "@/server/services/templates/derive-values";
import { renderTemplate, serviceRoot, type RenderedFile } from "@/server/services/templates/render-template";
import { findTemplate } from "@/server/services/templates/template-catalog";
import { checkAnswers, invalidAnswers } from "./check-answers";
import { checkFiles } from "./check-files";
import { checkNames } from "./check-names";
import { lockFile } from "./lock-file";
import { summarize } from "./summarize";
import type { GitProvider } from "@/server/integrations/git";
import { repository } from "./repository";

export interface PreviewRequest {
  template: string;
  version?: string;
  params: unknown;
}

async function withStatus(repo: GitProvider, file: RenderedFile): Promise<PreviewFile> {
  const previous = await repo.readFile(file.path);
  return {
    path: file.path,
    content: file.content,
    language: file.language,
    previous,
    status: previous === null ? "added" : previous === file.content ? "unchanged" : "modified",
  };
}

function containmentCheck(root: string, files: RenderedFile[]): PreviewCheck {
  const outside = files.filter((f) => !f.path.startsWith(root) || f.path.split("/").includes(".."));
  return {
    name: `Every file is inside ${root}`,
    ok: outside.length === 0,
    detail: outside.length ? outside.map((f) => f.path).join("\n") : `${files.length} files, none outside`,
  };
}

/**
 * Everything a scaffold run would propose, without proposing it: the files with their status against
 * the target repository, the lock file, a summary in words and the checks. Bad answers are a 422
 * naming each field and its rule.
 */
export async function previewScaffold(db: Db, request: PreviewRequest): Promise<PreviewResponse> {
  const template = await findTemplate(request.template, request.version);
  const answers = await checkAnswers(db, template, request.params);
  if (!answers.ok) throw invalidAnswers(answers.issues);
  const { params } = answers;
  const root = serviceRoot(params.name as string);
  const rendered = renderTemplate(template, params);
  const files = [...rendered, lockFile(root, template, params, rendered)].sort((a, b) =>
    a.path.localeCompare(b.path),
  );
  const derived = deriveValues(template.kind, params);
  const repo = await repository(db);
  const [checks, previewFiles] = await Promise.all([
    checkFiles(files),
    Promise.all(files.map((file) => withStatus(repo, file))),
  ]);
  return {
    template: { id: template.id, version: template.version },
    root,
    files: previewFiles,
    summary: summarize(template.kind, params, derived, files.length),
    checks: [...checks, checkNames(params, derived), containmentCheck(root, files)],
  };
}
