import { notFound } from "next/navigation";
import { cache } from "react";
import { serviceName } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import { getService } from "@/server/services/catalog/get-service";

/** The service for this route segment, fetched once per request and shared by layout and tabs. */
export const loadService = cache(async (name: string) => {
  if (!serviceName.safeParse(name).success) notFound();
  try {
    return await getService(await getDb(), name);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
