"use client";

import { usePathname } from "next/navigation";
import { TabNav } from "@/components/ui/tabs";

const tabs = [
  { segment: "", label: "Health" },
  { segment: "alerts", label: "Alerts" },
  { segment: "events", label: "Events" },
  { segment: "replay", label: "Replay" },
  { segment: "infrastructure", label: "Infrastructure" },
  { segment: "activity", label: "Activity" },
];

export function ServiceTabs({ name }: { name: string }) {
  const pathname = usePathname();
  const base = `/services/${name}`;
  return (
    <TabNav
      aria-label="Service sections"
      items={tabs.map((t) => {
        const href = t.segment ? `${base}/${t.segment}` : base;
        return { label: t.label, href, active: pathname === href };
      })}
    />
  );
}
