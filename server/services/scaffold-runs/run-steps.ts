import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { TemplateParams } from "@/lib/templates/types";
import type { Db } from "@/server/db/client";
import type { GitProvider } from "@/server/integrations/git";
import { portalUrl } from "@/server/integrations/git";
import { checkAnswers } from "@/server/services/scaffold/check-answers";
import { checkFiles } from "@/server/services/scaffold/check-files";
import { checkNames } from "@/server/services/scaffold/check-names";
import { lockFile } from "@/server/services/scaffold/lock-file";
import { summarize } from "@/server/services/scaffold/summarize";
import { deriveValues } from "@/server/services/templates/derive-values";
import { renderTemplate, serviceRoot } from "@/server/services/templates/render-template";
import { findTemplate } from "@/server/services/templates/template-catalog";
import { registerService } from "./register-service";

// The steps of a scaffold run, in order. Each is idempotent: it may run again after a crash that
// happened after its effect but before it was recorded, and then finds its own earlier work
// (deterministic branch name, "find before create" for the branch and the pull request, the
// catalog entry keyed by the run).

export type RunRow = Awaited<ReturnType<Db["scaffoldRun"]["findUniqueOrThrow"]>>;

export interface StepContext {
  db: Db;
  run: RunRow;
  repo: GitProvider;
  /** Outputs of the steps done so far, by step name. */
  outputs: Record<string, Prisma.JsonObject>;
  log(message: string): Promise<void>;
}

export interface StepDefinition {
  name: string;
  title: string;
  run(ctx: StepContext): Promise<Prisma.JsonObject>;
}

export class StepFailure extends Error {}

interface RenderedOutput {
  files: { path: string; content: string }[];
  summary: string;
  root: string;
}

const params = (run: RunRow) => run.params as TemplateParams;

/** `meridian/new-service/<name>-<run id prefix>`: the same for every attempt of one run. */
export const branchFor = (run: RunRow) => `meridian/new-service/${run.serviceName}-${run.id.slice(0, 8)}`;

export const runSteps: StepDefinition[] = [
  {
    name: "validate",
    title: "Validate the answers",
    async run({ db, run, log }) {
      const template = await findTemplate(run.templateId);
      if (template.version !== run.templateVersion)
        throw new StepFailure(
          `template ${run.templateId} is now ${template.version}, the run asked for ${run.templateVersion}`,
        );
      const answers = await checkAnswers(db, template, run.params);
      if (!answers.ok) throw new StepFailure(answers.issues.map((i) => `${i.field} ${i.rule}`).join("; "));
      await log(`answers valid for ${run.templateId} ${run.templateVersion}`);
      return {};
    },
  },
  {
    name: "render",
    title: "Render and check the files",
    async run({ run, log }) {
      const template = await findTemplate(run.templateId);
      const rendered = renderTemplate(template, params(run));
      const root = serviceRoot(run.serviceName);
      const files = [...rendered, lockFile(root, template, params(run), rendered)];
      const derived = deriveValues(template.kind, params(run));
      const checks = [...(await checkFiles(files)), checkNames(params(run), derived)];
      const failed = checks.filter((c) => !c.ok);
      if (failed.length)
        throw new StepFailure(`checks failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
      await log(`${files.length} files rendered; ${checks.length} checks passed`);
      return {
        root,
        summary: summarize(template.kind, params(run), derived, files.length),
        files: files.map(({ path, content }) => ({ path, content })),
      } satisfies RenderedOutput as unknown as Prisma.JsonObject;
    },
  },
  {
    name: "check-target",
    title: "Check the name is still free",
    async run({ db, run, repo, log }) {
      const root = serviceRoot(run.serviceName);
      const other = await db.service.findUnique({
        where: { name: run.serviceName },
        select: { scaffoldRunId: true },
      });
      if (other && other.scaffoldRunId !== run.id)
        throw new StepFailure(`the catalog now has a service "${run.serviceName}"`);
      if (await repo.pathExists(root))
        throw new StepFailure(`${repo.baseBranch} of ${repo.repository} now has ${root}`);
      await log(`${root} is free in the catalog and on ${repo.baseBranch}`);
      return {};
    },
  },
  {
    name: "branch",
    title: "Create the branch",
    async run({ run, repo, log }) {
      const branch = branchFor(run);
      const { sha, created } = await repo.ensureBranch(branch);
      await log(
        created
          ? `created branch ${branch} at ${sha.slice(0, 12)}`
          : `branch ${branch} exists at ${sha.slice(0, 12)}`,
      );
      return { branch, sha };
    },
  },
  {
    name: "commit",
    title: "Commit the files",
    async run({ db, run, repo, outputs, log }) {
      const { files, summary } = outputs.render as unknown as RenderedOutput;
      const branch = outputs.branch!.branch as string;
      const user = await db.user.findUnique({ where: { email: run.requestedBy }, select: { name: true } });
      const message = `Add service ${run.serviceName} (${run.templateId} ${run.templateVersion})\n\n${summary}\n\nProposed with Meridian: ${portalUrl()}/runs/${run.id}\n`;
      const { sha, created } = await repo.commitFiles(branch, files, message, {
        name: user?.name ?? run.requestedBy,
        email: run.requestedBy,
      });
      await log(
        created
          ? `committed ${files.length} files as ${sha.slice(0, 12)}`
          : `the branch already holds these files (${sha.slice(0, 12)})`,
      );
      return { sha };
    },
  },
  {
    name: "pull-request",
    title: "Open the pull request",
    async run({ db, run, repo, outputs, log }) {
      const { summary, root } = outputs.render as unknown as RenderedOutput;
      const branch = outputs.branch!.branch as string;
      const team = params(run).team as string;
      const body = [
        `Adds **${run.serviceName}** from the template \`${run.templateId}\` ${run.templateVersion}, requested by ${run.requestedBy}.`,
        "",
        summary,
        "",
        `Every file is under \`${root}\`; the preview's checks passed (Terraform parses and is canonical, module inputs match the platform modules, names follow the platform rules).`,
        "",
        `Scaffold run: ${portalUrl()}/runs/${run.id}`,
      ].join("\n");
      const pr = await repo.openPullRequest({
        branch,
        title: `New service: ${run.serviceName}`,
        body,
        labels: ["meridian", "new-service", `team:${team}`],
      });
      await db.scaffoldRun.update({
        where: { id: run.id },
        data: { pullRequestNumber: pr.number, pullRequestUrl: pr.url, branch },
      });
      if (repo.kind === "github")
        await db.pullRequest.upsert({
          where: { provider_number: { provider: "github", number: pr.number } },
          create: {
            provider: "github",
            number: pr.number,
            url: pr.url,
            title: pr.title,
            body: pr.body,
            branch: pr.branch,
            base: pr.base,
            state: pr.state,
            headSha: pr.headSha,
            labels: pr.labels,
            serviceName: run.serviceName,
            createdBy: run.requestedBy,
          },
          update: { state: pr.state, headSha: pr.headSha },
        });
      else
        await db.pullRequest.updateMany({
          where: { provider: "local", number: pr.number },
          data: { serviceName: run.serviceName, createdBy: run.requestedBy },
        });
      await log(`pull request #${pr.number}: ${pr.url}`);
      return { number: pr.number, url: pr.url };
    },
  },
  {
    name: "register",
    title: "Register the service in the catalog",
    async run(ctx) {
      const { number, url } = ctx.outputs["pull-request"] as { number: number; url: string };
      await registerService(ctx.db, ctx.run, ctx.repo.repository, { number, url });
      await ctx.log(`${ctx.run.serviceName} is in the catalog as "PR open"`);
      return {};
    },
  },
];
