import type { ReactNode } from "react";

// Pull request bodies are text someone wrote (or a template produced): shown as paragraphs and
// bullet lists with **bold**, `code` and bare links, built as React elements, never as HTML.

const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith("**")) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith("`"))
      return (
        <code key={i} className="rounded bg-surface-muted px-1 py-0.5 font-mono text-xs text-foreground">
          {part.slice(1, -1)}
        </code>
      );
    return (
      <a key={i} href={part} className="break-all text-accent underline" rel="noreferrer">
        {part}
      </a>
    );
  });
}

const BULLET = /^\s*[-*]\s+/;

/** The body as blocks: paragraphs (lines joined) and bullet lists. */
export function PullRequestBody({ body }: { body: string }) {
  const blocks = body
    .replaceAll("\r\n", "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  if (blocks.length === 0) return <p className="text-sm text-muted">No description.</p>;
  return (
    <div className="max-w-3xl space-y-3 text-sm leading-6 text-foreground">
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        return lines.every((l) => BULLET.test(l)) ? (
          <ul key={i} className="list-disc space-y-1 pl-5">
            {lines.map((l, j) => (
              <li key={j}>{inline(l.replace(BULLET, ""))}</li>
            ))}
          </ul>
        ) : (
          <p key={i} className="break-words">
            {lines.map((l, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {inline(l)}
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}
