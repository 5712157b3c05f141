import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { serviceName } from "@/lib/catalog";
import type { RuleName } from "./types";

// The value rules a template field can name. Each is a zod schema whose message is the rule as a user
// reads it under the field; the same schemas run in the browser (live) and on the server.

/** Bidirectional overrides and isolates ("Trojan Source"): text that reads differently than it runs. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** C0 and C1 control characters; `allowNewlines` keeps \n and \t for multi-line text. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Text that is safe to carry: well-formed Unicode, no control or bidi characters, not only spaces. */
function plainText(max: number, allowNewlines: boolean) {
  return (
    z
      .string()
      .max(max, { message: `must be at most ${max} characters` })
      .refine((s) => s.isWellFormed(), { message: "must be valid Unicode text" })
      .refine((s) => !(allowNewlines ? CONTROL_EXCEPT_NEWLINE : CONTROL).test(s), {
        message: allowNewlines
          ? "must not contain control characters"
          : "must be one line without control characters",
      })
      .refine((s) => !BIDI_CONTROL.test(s), { message: "must not contain bidirectional control characters" })
      .refine((s) => s === "" || s.trim() !== "", { message: "must not be only spaces" })
      // Terraform reads string literals in Unicode normal form C; the answer is kept the way it will read.
      .transform((s) => s.normalize("NFC"))
  );
}

/** Variables Cloud Run or the platform module sets itself; a template must not override them. */
export const RESERVED_ENV = new Set([
  "PORT",
  "K_SERVICE",
  "K_REVISION",
  "K_CONFIGURATION",
  "CLOUD_RUN_JOB",
  "CLOUD_RUN_EXECUTION",
  "CLOUD_RUN_TASK_INDEX",
  "CLOUD_RUN_TASK_ATTEMPT",
  "CLOUD_RUN_TASK_COUNT",
  "ENABLE_PROFILER",
  "CHAINGUARD_TEAM",
  "CHAINGUARD_PRODUCT",
  "METRICS_PORT",
  "EVENT_INGRESS_URI",
]);

const hostnameLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  try {
    CronExpressionParser.parse(expression, { tz: "UTC" });
    return true;
  } catch {
    return false;
  }
}

export const rules: Record<RuleName, z.ZodType<string, string>> = {
  "service-name": serviceName,
  "label-value": z.string().regex(/^[a-z0-9_-]{1,63}$/, {
    message: "must be 1-63 lowercase letters, digits, underscores or dashes (a Google Cloud label value)",
  }),
  "env-name": z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, {
      message: "must be 1-128 uppercase letters, digits or underscores, not starting with a digit",
    })
    .refine((s) => !RESERVED_ENV.has(s), {
      message: "is set by Cloud Run or the platform module; pick another name",
    }),
  "event-type": z.string().regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,98}[a-zA-Z0-9])?$/, {
    message:
      "must be 1-100 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit (e.g. dev.acme.order.created)",
  }),
  "attribute-name": z.string().regex(/^[a-z0-9]{1,20}$/, {
    message: "must be a CloudEvents attribute name: 1-20 lowercase letters or digits",
  }),
  hostname: z
    .string()
    .max(253, { message: "must be at most 253 characters" })
    .refine((s) => s.split(".").length >= 2 && s.split(".").every((l) => hostnameLabel.test(l)), {
      message: "must be a DNS name such as api.example.com: lowercase labels of letters, digits and dashes",
    }),
  cron: z.string().refine(isCron, {
    message: 'must be a 5-field cron schedule in UTC, e.g. "*/15 * * * *" (minute hour day month weekday)',
  }),
  "short-name": z.string().regex(/^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/, {
    message:
      "must be 1-20 lowercase letters, digits or dashes, starting with a letter and not ending with a dash",
  }),
  text: plainText(1024, false),
  "free-text": plainText(2000, true),
};
