"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { kindLabels, lifecycleLabels, lifecycles, serviceKinds } from "@/lib/catalog";
import { catalogHref, type catalogParams } from "@/lib/catalog-url";

type Params = ReturnType<typeof catalogParams>;
type FilterKey = "team" | "kind" | "region" | "lifecycle";

/** Search and filters; every change lands in the URL, so a filtered catalog can be shared. */
export function CatalogFilters({
  params,
  teams,
  regions,
}: {
  params: Params;
  teams: { name: string; label: string }[];
  regions: string[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.q ?? "");
  const go = (change: Partial<Params>) =>
    startTransition(() => router.replace(catalogHref(params, change), { scroll: false }));

  useEffect(() => {
    if (q === (params.q ?? "")) return;
    const timer = setTimeout(
      () =>
        startTransition(() => router.replace(catalogHref(params, { q: q || undefined }), { scroll: false })),
      250,
    );
    return () => clearTimeout(timer);
  }, [q, params, router]);

  const select = (key: FilterKey, label: string, options: { value: string; label: string }[]) => (
    <Select
      aria-label={label}
      className="h-9 w-40!"
      value={params[key] ?? ""}
      onChange={(e) => go({ [key]: e.target.value || undefined })}
    >
      <option value="">All {label.toLowerCase()}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );

  const anyFilter = Boolean(params.q || params.team || params.kind || params.region || params.lifecycle);
  return (
    <div role="search" className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-64 flex-[1_1_18rem]">
        <Input
          type="search"
          aria-label="Search services"
          placeholder="Search by name, team or description"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="h-9 w-full"
        />
        {pending ? <Spinner className="absolute top-2.5 right-2.5 size-4" label="Updating results" /> : null}
      </div>
      {select(
        "team",
        "Teams",
        teams.map((t) => ({ value: t.name, label: t.label })),
      )}
      {select(
        "kind",
        "Kinds",
        serviceKinds.map((k) => ({ value: k, label: kindLabels[k] })),
      )}
      {select(
        "region",
        "Regions",
        regions.map((r) => ({ value: r, label: r })),
      )}
      {select(
        "lifecycle",
        "Lifecycles",
        lifecycles.map((l) => ({ value: l, label: lifecycleLabels[l] })),
      )}
      {anyFilter ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ("");
            startTransition(() => router.replace("/", { scroll: false }));
          }}
        >
          Clear
        </Button>
      ) : null}
    </div>
  );
}
