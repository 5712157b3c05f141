"use client";

import { useCallback, useMemo } from "react";
import type { ParamValue, TemplateDetail, TemplateParams } from "@/lib/templates/types";
import { initialAnswers, listItems, reviveAnswers, shiftTouched } from "./answers";
import { useSessionValue } from "./session-value";

const storageKey = (templateId: string, part: "answers" | "touched") =>
  `meridian.scaffold.${templateId}.${part}`;

const reviveTouched = (stored: unknown): string[] =>
  Array.isArray(stored) ? stored.filter((k): k is string => typeof k === "string") : [];

/**
 * The wizard's answers and which of them the person has touched, kept in sessionStorage per template:
 * they survive a reload and the browser's back and forward buttons, and "Start over" clears them.
 */
export function useWizardDraft(template: Pick<TemplateDetail, "id" | "fields">) {
  const { id, fields } = template;
  const initial = useMemo(() => initialAnswers(fields), [fields]);
  const revive = useCallback((stored: unknown) => reviveAnswers(fields, initial, stored), [fields, initial]);
  const [answers, updateAnswers, clearAnswers] = useSessionValue<TemplateParams>(
    storageKey(id, "answers"),
    revive,
  );
  const [touchedKeys, updateTouched, clearTouched] = useSessionValue(
    storageKey(id, "touched"),
    reviveTouched,
  );
  const touched = useMemo(() => new Set(touchedKeys), [touchedKeys]);

  const setAnswer = useCallback(
    (name: string, value: ParamValue) => updateAnswers((previous) => ({ ...previous, [name]: value })),
    [updateAnswers],
  );
  const touch = useCallback(
    (key: string) => updateTouched((previous) => (previous.includes(key) ? previous : [...previous, key])),
    [updateTouched],
  );
  const removeItem = useCallback(
    (list: string, index: number) => {
      updateAnswers((previous) => ({
        ...previous,
        [list]: listItems(previous, list).filter((_, i) => i !== index),
      }));
      updateTouched((previous) => [...new Set([...shiftTouched(previous, list, index), list])]);
    },
    [updateAnswers, updateTouched],
  );
  const clear = useCallback(() => {
    clearAnswers();
    clearTouched();
  }, [clearAnswers, clearTouched]);

  return { answers, touched, setAnswer, touch, removeItem, clear };
}
