// Token colours for Prism's output, as Tailwind classes on the code's container so they follow the
// light and dark themes without a global stylesheet.
export const codeTheme = [
  "text-foreground",
  "[&_.token.comment]:text-muted [&_.token.comment]:italic [&_.token.prolog]:text-muted",
  "[&_.token.punctuation]:text-muted [&_.token.operator]:text-muted",
  "[&_.token.keyword]:text-violet-700 dark:[&_.token.keyword]:text-violet-300",
  "[&_.token.string]:text-emerald-700 dark:[&_.token.string]:text-emerald-300",
  "[&_.token.char]:text-emerald-700 dark:[&_.token.char]:text-emerald-300",
  "[&_.token.number]:text-amber-700 dark:[&_.token.number]:text-amber-300",
  "[&_.token.boolean]:text-amber-700 dark:[&_.token.boolean]:text-amber-300",
  "[&_.token.null]:text-amber-700 dark:[&_.token.null]:text-amber-300",
  "[&_.token.property]:text-sky-700 dark:[&_.token.property]:text-sky-300",
  "[&_.token.function]:text-blue-700 dark:[&_.token.function]:text-blue-300",
  "[&_.token.builtin]:text-cyan-700 dark:[&_.token.builtin]:text-cyan-300",
  "[&_.token.type]:text-pink-700 dark:[&_.token.type]:text-pink-300",
  "[&_.token.interpolation]:text-foreground",
  "[&_.token.title]:font-semibold [&_.token.title]:text-accent",
  "[&_.token.url]:text-sky-700 dark:[&_.token.url]:text-sky-300",
  "[&_.token.bold]:font-semibold [&_.token.italic]:italic",
  "[&_.token.code]:text-emerald-700 dark:[&_.token.code]:text-emerald-300",
].join(" ");
