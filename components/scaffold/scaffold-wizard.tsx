"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { templatePreviewQuery } from "@/lib/hooks/use-template-preview";
import { useValidateAnswers } from "@/lib/hooks/use-validate-answers";
import { controlId, visibleErrors, type ServerIssues } from "@/lib/scaffold/field-errors";
import { previewIssues } from "@/lib/scaffold/preview-issues";
import { useHydrated } from "@/lib/scaffold/session-value";
import { useOpenPullRequest } from "@/lib/scaffold/use-open-pull-request";
import { useWizardDraft } from "@/lib/scaffold/use-wizard-draft";
import { parseParams, type OptionValues, type ParamIssue } from "@/lib/templates/param-schema";
import type { TemplateDetail } from "@/lib/templates/types";
import { AnswersForm } from "./answers-form";
import { PreviewStep } from "./preview-step";
import { WizardSteps } from "./wizard-steps";

type Step = "form" | "preview";

/** Focuses the control of the first error on the page (a group's first input). */
function focusFirstError() {
  requestAnimationFrame(() => {
    const error = document.querySelector<HTMLElement>('[data-testid^="field-error-"]');
    const control = error && document.getElementById(error.id.replace(/-error$/, ""));
    const target = control?.matches("fieldset")
      ? control.querySelector<HTMLElement>("input, button")
      : control;
    target?.focus();
  });
}

/**
 * The new-service wizard: the form (`/new/<template>`) and the preview (`?step=preview`). The step is
 * in the URL and the answers in sessionStorage, so back, forward and reload keep both.
 */
export function ScaffoldWizard({ template }: { template: TemplateDetail }) {
  const pathname = usePathname();
  const router = useRouter();
  const step: Step = useSearchParams().get("step") === "preview" ? "preview" : "form";
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const draft = useWizardDraft(template);
  const { answers } = draft;
  const [attempted, setAttempted] = useState(false);
  const [rejected, setRejected] = useState<ServerIssues>();
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);
  // The run "Open pull request" started: the draft is gone and the run page is loading.
  const [createdRun, setCreatedRun] = useState<string>();
  // Whether this page pushed the preview entry: then "Back to the form" is the browser's back.
  const pushedPreview = useRef(false);

  const sources: OptionValues = useMemo(
    () =>
      Object.fromEntries(Object.entries(template.options).map(([k, list]) => [k, list.map((o) => o.value)])),
    [template.options],
  );
  const local = useMemo(
    () => parseParams(template.fields, answers, sources),
    [template.fields, answers, sources],
  );
  const validation = useValidateAnswers(template.id, answers, { enabled: hydrated && step === "form" });
  const errors = visibleErrors({
    fields: template.fields,
    answers,
    local: local.ok ? [] : local.issues,
    server: [rejected, validation.data],
    touched: draft.touched,
    attempted,
  });

  const go = (next: Step, mode: "push" | "replace") => {
    // Next.js keeps useSearchParams in step with the History API: no server round trip.
    const url = next === "preview" ? `${pathname}?step=preview` : pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
    window.scrollTo({ top: 0 });
  };

  const preview = async () => {
    setAttempted(true);
    setFormError(undefined);
    if (!local.ok) return focusFirstError();
    setPending(true);
    try {
      await queryClient.fetchQuery(templatePreviewQuery(template.id, template.version, answers));
      setRejected(undefined);
      pushedPreview.current = true;
      go("preview", "push");
    } catch (error) {
      const issues = previewIssues(error);
      if (issues.length > 0) {
        setRejected({ answers, issues });
        focusFirstError();
      } else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(false);
    }
  };

  const reject = (issues: ParamIssue[]) => {
    setRejected({ answers, issues });
    setAttempted(true);
    go("form", "replace");
    focusFirstError();
  };

  const pullRequest = useOpenPullRequest({
    template,
    answers,
    runKeyFor: draft.runKeyFor,
    forgetRunKey: draft.forgetRunKey,
    onRejected: reject,
    onCreated: (id) => {
      setCreatedRun(id);
      draft.clear();
      // Back from the run page comes to an empty form, not to a preview of answers that are gone.
      go("form", "replace");
      router.push(`/runs/${id}`);
    },
  });

  const backToForm = () => {
    if (pushedPreview.current) window.history.back();
    else go("form", "push");
  };

  const startOver = () => {
    draft.clear();
    setAttempted(false);
    setRejected(undefined);
    setFormError(undefined);
    if (step === "preview") go("form", "replace");
    requestAnimationFrame(() => document.getElementById(controlId(template.fields[0]?.name ?? ""))?.focus());
  };

  if (createdRun)
    return (
      <div className="space-y-4">
        <WizardSteps step="pr" />
        <Notice tone="info" title="The pull request is on its way">
          <span className="flex items-center gap-2">
            <Spinner label="" />
            Opening the run…{" "}
            <Link href={`/runs/${createdRun}`} className="text-accent underline">
              Follow the run
            </Link>
          </span>
        </Notice>
      </div>
    );

  return (
    <div className="space-y-4">
      <WizardSteps step={step} />
      {step === "form" ? (
        <AnswersForm
          template={template}
          answers={answers}
          errors={errors}
          formError={formError}
          checking={validation.isFetching}
          previewPending={pending}
          onChange={draft.setAnswer}
          onTouch={draft.touch}
          onRemoveItem={draft.removeItem}
          onPreview={() => void preview()}
          onStartOver={startOver}
        />
      ) : (
        <PreviewStep
          template={template}
          answers={answers}
          enabled={hydrated}
          pullRequest={pullRequest}
          onBack={backToForm}
          onStartOver={startOver}
          onRejected={reject}
        />
      )}
    </div>
  );
}
