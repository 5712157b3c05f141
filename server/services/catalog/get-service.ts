import "server-only";
import { notFound } from "@/lib/errors";
import type { ServiceDetail } from "@/lib/catalog-types";
import type { Db } from "@/server/db/client";
import { detailInclude, toServiceDetail } from "./to-dto";

export async function getService(db: Db, name: string): Promise<ServiceDetail> {
  const row = await db.service.findUnique({ where: { name }, include: detailInclude });
  if (!row) throw notFound("Service", name);
  return toServiceDetail(row);
}
