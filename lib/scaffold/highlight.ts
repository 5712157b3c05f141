import Prism from "prismjs";
import "prismjs/components/prism-hcl";
import "prismjs/components/prism-go";
import "prismjs/components/prism-json";
import "prismjs/components/prism-markdown";
import type { PreviewFile } from "@/lib/templates/types";

// Syntax highlighting for the wizard's file viewer only: imported from components/scaffold, which only
// the /new routes use, so Prism stays out of every other page's bundle.

// go.mod has no Prism grammar: its directives, module paths and versions are enough.
Prism.languages.gomod = {
  comment: /\/\/.*/,
  keyword: /^\s*(?:module|go|toolchain|require|replace|exclude|retract|godebug|tool)\b/m,
  string: /\bv\d+\.\d+\.\d+(?:[-+][\w.-]+)?\b|"(?:\\.|[^"\\])*"/,
  punctuation: /[()]/,
  operator: /=>/,
};

const grammars: Record<PreviewFile["language"], string | null> = {
  hcl: "hcl",
  go: "go",
  json: "json",
  markdown: "markdown",
  gomod: "gomod",
  text: null,
};

/** The code as HTML with token spans (Prism escapes the text), or null for plain text. */
export function highlight(code: string, language: PreviewFile["language"]): string | null {
  const name = grammars[language];
  const grammar = name ? Prism.languages[name] : undefined;
  return name && grammar ? Prism.highlight(code, grammar, name) : null;
}
