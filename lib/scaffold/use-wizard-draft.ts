"use client";

import { useCallback, useMemo } from "react";
import type { ParamValue, TemplateDetail, TemplateParams } from "@/lib/templates/types";
import { initialAnswers, listItems, reviveAnswers, shiftTouched } from "./answers";
import { useSessionValue } from "./session-value";

const storageKey = (templateId: string, part: "answers" | "touched" | "run-key") =>
  `meridian.scaffold.${templateId}.${part}`;

const reviveTouched = (stored: unknown): string[] =>
  Array.isArray(stored) ? stored.filter((k): k is string => typeof k === "string") : [];

/** The Idempotency-Key of the run these answers would start, and which answers it was made for. */
interface RunKey {
  for: string;
  key: string;
}

const reviveRunKey = (stored: unknown): RunKey | null =>
  typeof stored === "object" &&
  stored !== null &&
  typeof (stored as RunKey).for === "string" &&
  typeof (stored as RunKey).key === "string"
    ? (stored as RunKey)
    : null;

/** A random UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The wizard's answers, which of them the person has touched and the key of the run they would
 * start, kept in sessionStorage per template: they survive a reload and the browser's back and
 * forward buttons, and "Start over" (or starting the run) clears them.
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
  const [, updateRunKey, clearRunKey] = useSessionValue(storageKey(id, "run-key"), reviveRunKey);

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
  /**
   * The Idempotency-Key for starting a run from the answers `fingerprint` describes: made once and
   * kept with the draft, so a double click or a retry after a lost response starts no second run.
   * Other answers get a new key.
   */
  const runKeyFor = useCallback(
    (fingerprint: string) => {
      let key = "";
      updateRunKey((previous) => {
        key = previous?.for === fingerprint ? previous.key : newKey();
        return { for: fingerprint, key };
      });
      return key;
    },
    [updateRunKey],
  );
  const clear = useCallback(() => {
    clearAnswers();
    clearTouched();
    clearRunKey();
  }, [clearAnswers, clearTouched, clearRunKey]);

  return { answers, touched, setAnswer, touch, removeItem, clear, runKeyFor, forgetRunKey: clearRunKey };
}
