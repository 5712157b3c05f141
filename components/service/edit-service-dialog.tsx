"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { lifecycleLabels, lifecycles, serviceUpdate, type Lifecycle } from "@/lib/catalog";
import type { ServiceDetail } from "@/lib/catalog-types";
import { useUpdateService } from "@/lib/hooks/use-update-service";
import { ApiError } from "@/lib/query-client";

type FieldName = "description" | "product" | "lifecycle";

/** Members of the owning team (and admins) edit the catalog entry; the server checks again. */
export function EditServiceButton({ service }: { service: ServiceDetail }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    description: service.description,
    product: service.product,
    lifecycle: service.lifecycle,
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const update = useUpdateService(service.name);
  const router = useRouter();
  const toast = useToast();

  const submit = () => {
    // The same schema the server applies, so most mistakes show before a round trip.
    const parsed = serviceUpdate.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message])));
      return;
    }
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: () => {
        setOpen(false);
        toast({ title: `Saved ${service.name}`, tone: "ok" });
        router.refresh();
      },
      onError: (error) => {
        const issues = error instanceof ApiError ? (error.body?.error.issues ?? []) : [];
        setErrors(Object.fromEntries(issues.map((i) => [i.field.replace(/^body\./, ""), i.rule])));
        if (!issues.length) toast({ title: "Could not save", description: error.message, tone: "danger" });
      },
    });
  };

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Edit ${service.name}`}
        description="Changes are recorded in the service's activity log."
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button onClick={submit} disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save"}
            </Button>
          </>
        }
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label="Description" htmlFor="svc-description" error={errors.description}>
            <Textarea
              id="svc-description"
              rows={3}
              aria-describedby={describedBy("svc-description", { error: errors.description })}
              value={form.description}
              invalid={Boolean(errors.description)}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          </Field>
          <Field
            label="Product"
            htmlFor="svc-product"
            hint="Becomes the product label on every resource."
            error={errors.product}
          >
            <Input
              id="svc-product"
              aria-describedby={describedBy("svc-product", { hint: true, error: errors.product })}
              value={form.product}
              invalid={Boolean(errors.product)}
              onChange={(e) => setForm({ ...form, product: e.target.value })}
            />
          </Field>
          <Field label="Lifecycle" htmlFor="svc-lifecycle" error={errors.lifecycle}>
            <Select
              id="svc-lifecycle"
              aria-describedby={describedBy("svc-lifecycle", { error: errors.lifecycle })}
              value={form.lifecycle}
              onChange={(e) => setForm({ ...form, lifecycle: e.target.value as Lifecycle })}
            >
              {lifecycles.map((l) => (
                <option key={l} value={l}>
                  {lifecycleLabels[l]}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </Dialog>
    </>
  );
}
