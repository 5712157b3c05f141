import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { CatalogQuery } from "@/lib/catalog";
import type { Page, ServiceSummary } from "@/lib/catalog-types";
import type { Db } from "@/server/db/client";
import { toDbKind, toDbLifecycle } from "@/server/db/enums";
import { summarySelect, toServiceSummary } from "./to-dto";

export function catalogWhere(query: CatalogQuery): Prisma.ServiceWhereInput {
  const and: Prisma.ServiceWhereInput[] = [];
  const q = query.q?.trim();
  if (q) {
    const contains = { contains: q, mode: "insensitive" as const };
    and.push({
      OR: [
        { name: contains },
        { description: contains },
        { team: { name: contains } },
        { team: { displayName: contains } },
      ],
    });
  }
  if (query.team?.length) and.push({ team: { name: { in: query.team } } });
  if (query.kind?.length) and.push({ kind: { in: query.kind.map(toDbKind) } });
  if (query.lifecycle?.length) and.push({ lifecycle: { in: query.lifecycle.map(toDbLifecycle) } });
  if (query.region?.length) and.push({ regions: { hasSome: query.region } });
  return and.length ? { AND: and } : {};
}

function catalogOrder(query: CatalogQuery): Prisma.ServiceOrderByWithRelationInput[] {
  const dir = query.dir;
  const primary: Prisma.ServiceOrderByWithRelationInput =
    query.sort === "team"
      ? { team: { name: dir } }
      : query.sort === "created"
        ? { createdAt: dir }
        : { [query.sort]: dir };
  return query.sort === "name" ? [primary] : [primary, { name: "asc" }];
}

/** The catalog: search, filters, sort and paging, as `GET /api/services` and the catalog page use it. */
export async function listServices(db: Db, query: CatalogQuery): Promise<Page<ServiceSummary>> {
  const where = catalogWhere(query);
  const [total, rows] = await Promise.all([
    db.service.count({ where }),
    db.service.findMany({
      where,
      select: summarySelect,
      orderBy: catalogOrder(query),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(toServiceSummary), total, page: query.page, pageSize: query.pageSize };
}
