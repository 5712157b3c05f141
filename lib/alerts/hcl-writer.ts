// A small writer of canonical Terraform (what `terraform fmt` would leave unchanged): two-space
// indents, the `=` of consecutive one-line attributes aligned, a blank line between nested blocks.
// Values are written by the caller (already quoted or escaped); keys are code.

export type HclNode =
  { attr: string; value: string } | { block: string; labels?: string[]; body: HclNode[] } | { blank: true };

export const attr = (name: string, value: string): HclNode => ({ attr: name, value });
export const block = (name: string, body: HclNode[], labels?: string[]): HclNode => ({
  block: name,
  body,
  ...(labels && { labels }),
});
export const blank: HclNode = { blank: true };

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function renderHcl(nodes: readonly HclNode[], depth = 0): string {
  const pad = "  ".repeat(depth);
  const lines: string[] = [];
  let run: { attr: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.attr.length));
    for (const a of run) lines.push(`${pad}${a.attr.padEnd(width)} = ${a.value}`);
    run = [];
  };
  nodes.forEach((node) => {
    if ("attr" in node) {
      if (!KEY.test(node.attr)) throw new Error(`Invalid HCL attribute name ${JSON.stringify(node.attr)}`);
      // A value spanning lines ends the run: its own `=` is not aligned with the others.
      if (node.value.includes("\n")) {
        flush();
        lines.push(`${pad}${node.attr} = ${node.value}`);
      } else run.push(node);
      return;
    }
    flush();
    if ("blank" in node) {
      if (lines.length && lines.at(-1) !== "") lines.push("");
      return;
    }
    const labels = (node.labels ?? []).map((l) => ` ${l}`).join("");
    lines.push(`${pad}${node.block}${labels} {`, renderHcl(node.body, depth + 1), `${pad}}`);
  });
  flush();
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}
