import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ServiceHeader } from "@/components/service/service-header";
import { roleFor } from "@/lib/identity";
import { currentActor } from "@/server/services/identity/current-actor";
import { ServiceTabs } from "./_components/service-tabs";
import { loadService } from "./_lib/load-service";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).name };
}

/** The shared layout of every service page: the header and the tabs. */
export default async function ServiceLayout({ params, children }: { params: Params; children: ReactNode }) {
  const { name } = await params;
  const [service, actor] = await Promise.all([loadService(name), currentActor()]);
  return (
    <div className="space-y-5">
      <ServiceHeader service={service} canEdit={roleFor(actor, service.team.name) !== "viewer"} />
      <ServiceTabs name={service.name} />
      <div>{children}</div>
    </div>
  );
}
