import type { Metadata } from "next";
import { TemplateCard } from "@/components/scaffold/template-card";
import { listTemplates } from "@/server/services/templates/template-catalog";

export const metadata: Metadata = { title: "New service" };

/** The template gallery: pick what kind of service to create. */
export default async function NewServicePage() {
  const templates = await listTemplates();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">New service</h1>
        <p className="max-w-2xl text-sm text-muted">
          Pick a template, answer a few questions and preview every file it would add: the Terraform on the
          platform modules, the Go service and its dashboard.
        </p>
      </div>
      <ul aria-label="Templates" className="grid gap-3 sm:grid-cols-2">
        {templates.map((t) => (
          <TemplateCard key={t.id} template={t} />
        ))}
      </ul>
    </div>
  );
}
