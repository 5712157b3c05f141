"use client";

import { useEffect, useId, useRef, type MouseEvent, type PointerEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { CloseIcon } from "./icons";

export type DialogProps = {
  open: boolean;
  /** Called when the user dismisses the dialog (Escape, the close button, a backdrop click). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
};

/**
 * A modal on the native <dialog> with showModal(): the browser traps focus, moves it
 * inside (to the first focusable element, or one with autoFocus) and restores it on close.
 */
export function Dialog({ open, onClose, title, description, children, footer, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closingFromProp = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) {
      closingFromProp.current = true;
      dialog.close();
    }
  }, [open]);

  function handleClose() {
    // The native close event: Escape, or our own close() above (which the parent already knows about).
    if (closingFromProp.current) closingFromProp.current = false;
    else onClose();
  }

  // Clicks on the ::backdrop land on the <dialog> itself (the content fills its box). Both the
  // press and the release must be there, so a text selection dragged outside does not close it.
  const pressedBackdrop = useRef(false);
  function handlePointerDown(event: PointerEvent<HTMLDialogElement>) {
    pressedBackdrop.current = event.target === event.currentTarget;
  }
  function handleClick(event: MouseEvent<HTMLDialogElement>) {
    if (pressedBackdrop.current && event.target === event.currentTarget) onClose();
    pressedBackdrop.current = false;
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={handleClose}
      onPointerDown={handlePointerDown}
      onClick={handleClick}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border border-border bg-surface p-0 text-foreground shadow-2xl shadow-black/20",
        "transition-[opacity,translate] duration-150 starting:open:translate-y-2 starting:open:opacity-0",
        className,
      )}
    >
      <div className="flex flex-col">
        <header className="flex items-start justify-between gap-4 px-5 pt-4 pb-3">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-foreground">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-sm text-muted">
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close dialog"
            className="-mt-0.5 -mr-1.5 rounded-md p-1 text-muted hover:bg-surface-muted hover:text-foreground"
          >
            <CloseIcon className="size-4" />
          </button>
        </header>
        {children && <div className="px-5 pb-4 text-sm">{children}</div>}
        {footer && (
          <footer className="flex flex-wrap items-center justify-end gap-2 rounded-b-xl border-t border-border bg-surface-muted/50 px-5 py-3">
            {footer}
          </footer>
        )}
      </div>
    </dialog>
  );
}
