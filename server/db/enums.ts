import "server-only";
import type { Lifecycle as DbLifecycle, ServiceKind as DbKind } from "@/generated/prisma/enums";
import type { Lifecycle, ServiceKind } from "@/lib/catalog";

// The database enums use underscores in TypeScript (Prisma maps them to the dashed values in SQL);
// the API speaks the dashed values.
export const toDbKind = (k: ServiceKind) => k.replaceAll("-", "_") as DbKind;
export const fromDbKind = (k: DbKind) => k.replaceAll("_", "-") as ServiceKind;
export const toDbLifecycle = (l: Lifecycle) => l.replaceAll("-", "_") as DbLifecycle;
export const fromDbLifecycle = (l: DbLifecycle) => l.replaceAll("_", "-") as Lifecycle;
