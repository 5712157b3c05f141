import { Notice } from "@/components/ui/notice";

/** What an unbuilt tab says: plainly what is missing and which issue brings it; nothing simulated. */
export function ComingWith({
  feature,
  issue,
  children,
}: {
  feature: string;
  issue: number;
  children?: React.ReactNode;
}) {
  return (
    <Notice tone="info" title={`${feature} is not built yet`}>
      <p>It arrives with issue #{issue}. Until then this tab shows nothing rather than placeholder data.</p>
      {children}
    </Notice>
  );
}
