"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Kbd } from "@/components/ui/kbd";
import { useToast } from "@/components/ui/toast";

export function DialogDemo() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const error = name && name !== "checkout-api" ? "Type the service name exactly." : undefined;
  const close = () => {
    setOpen(false);
    setName("");
  };
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete service…
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Delete checkout-api?"
        description="This removes the service from Meridian. The Cloud Run service itself is not touched."
        footer={
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="danger" disabled={name !== "checkout-api"} onClick={close}>
              Delete
            </Button>
          </>
        }
      >
        <Field label="Type the service name to confirm" htmlFor="confirm-name" error={error}>
          <Input
            id="confirm-name"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            value={name}
            onChange={(e) => setName(e.target.value)}
            invalid={!!error}
            aria-describedby={describedBy("confirm-name", { error })}
          />
        </Field>
        <p className="mt-3 text-xs text-muted">
          Press <Kbd>Esc</Kbd> to cancel.
        </p>
      </Dialog>
    </>
  );
}

export function ToastDemo() {
  const { toast } = useToast();
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        onClick={() =>
          toast({ title: "Deploy started", description: "checkout-api → rev 00042", tone: "ok" })
        }
      >
        Success toast
      </Button>
      <Button
        onClick={() =>
          toast({
            title: "Rollback failed",
            description: "Cloud Run returned 403 PERMISSION_DENIED.",
            tone: "danger",
          })
        }
      >
        Error toast
      </Button>
      <Button onClick={() => toast({ title: "Copied to clipboard" })}>Neutral toast</Button>
    </div>
  );
}
