import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { ScaffoldWizard } from "@/components/scaffold/scaffold-wizard";
import { kindLabels } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { templateId } from "@/lib/templates/request";
import { getDb } from "@/server/db/client";
import { getTemplate } from "@/server/services/templates/template-catalog";

type Params = Promise<{ template: string }>;

/** "Event receiver" → "event receiver"; names such as "HTTP" or "GitHub" keep their case. */
const inSentence = (title: string) => title.replace(/^[A-Z][a-z]*\b/, (w) => w.toLowerCase());

async function loadTemplate(id: string) {
  if (!templateId.safeParse(id).success) notFound();
  try {
    return await getTemplate(await getDb(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { template } = await params;
  const detail = await loadTemplate(template);
  return { title: `New ${inSentence(detail.title)}` };
}

/** The wizard of one template: the form, then (`?step=preview`) the preview of its files. */
export default async function NewFromTemplatePage({ params }: { params: Params }) {
  const template = await loadTemplate((await params).template);
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <Link href="/new" className="hover:text-foreground hover:underline">
            New service
          </Link>{" "}
          <span aria-hidden>/</span> {template.title}
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">New {inSentence(template.title)}</h1>
          <Badge tone="accent">{kindLabels[template.kind]}</Badge>
        </div>
        <p className="max-w-3xl text-sm text-muted">{template.description}</p>
      </div>
      <ScaffoldWizard template={template} />
    </div>
  );
}
