import { ServiceEventsView } from "@/components/events/service-events-view";
import { getDb } from "@/server/db/client";
import { getServiceEvents } from "@/server/services/events/get-service-events";

export const dynamic = "force-dynamic";

/** The Events tab. The layout has already checked that the service exists. */
export default async function EventsTab({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const events = await getServiceEvents(await getDb(), name);
  return <ServiceEventsView key={name} initial={events} />;
}
