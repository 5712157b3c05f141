import "server-only";
import type { Db } from "@/server/db/client";

export function countDemoServices(db: Db): Promise<number> {
  return db.service.count({ where: { isDemo: true } });
}
