import type { ComponentProps } from "react";

type IconProps = ComponentProps<"svg">;

const stroke = {
  viewBox: "0 0 16 16",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 1.5,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
} as const;

/** Small inline icons shared by the primitives. 16×16, currentColor. */
export function CloseIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <path d="M4 4l8 8M12 4l-8 8" />
    </svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 7.25V11M8 5h.01" />
    </svg>
  );
}

export function WarnIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <path d="M7.13 2.5a1 1 0 0 1 1.74 0l5.5 9.5a1 1 0 0 1-.87 1.5H2.5a1 1 0 0 1-.87-1.5l5.5-9.5Z" />
      <path d="M8 6.25V9M8 11h.01" />
    </svg>
  );
}

export function ErrorIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.75V8.5M8 11h.01" />
    </svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M5.5 8.25l1.75 1.75 3.25-3.5" />
    </svg>
  );
}

export function InboxIcon(props: IconProps) {
  return (
    <svg {...stroke} {...props}>
      <path d="M2 9.5h3l1 1.5h4l1-1.5h3" />
      <path d="M3.5 3.5h9l1.5 6V13a.5.5 0 0 1-.5.5h-11A.5.5 0 0 1 2 13V9.5l1.5-6Z" />
    </svg>
  );
}
