import type { ComponentProps } from "react";
import type { ServiceKind } from "@/lib/catalog";

const stroke = {
  viewBox: "0 0 16 16",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 1.4,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
} as const;

const paths: Record<ServiceKind, React.ReactNode> = {
  http: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M2 8h12M8 2c1.7 1.7 2.5 3.7 2.5 6S9.7 12.3 8 14M8 2C6.3 3.7 5.5 5.7 5.5 8s.8 4.3 2.5 6" />
    </>
  ),
  "event-receiver": (
    <>
      <path d="M2 8h7M6.5 5 9.5 8l-3 3" />
      <path d="M10.5 3h2a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5h-2" />
    </>
  ),
  cron: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  "github-bot": (
    <>
      <rect x="3" y="5" width="10" height="8" rx="2" />
      <path d="M8 5V2.5M6 9h.01M10 9h.01M1.5 9v1.5M14.5 9v1.5" />
    </>
  ),
};

/** A small picture of a service kind, for the template gallery. */
export function KindIcon({ kind, ...props }: ComponentProps<"svg"> & { kind: ServiceKind }) {
  return (
    <svg {...stroke} {...props}>
      {paths[kind]}
    </svg>
  );
}
