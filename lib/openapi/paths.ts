import { catalogPaths, teamPaths } from "./paths-catalog";
import { dashboardPaths } from "./paths-dashboards";
import { devPaths } from "./paths-dev";
import { eventPaths } from "./paths-events";
import { replayPaths } from "./paths-replays";
import { scaffoldPaths } from "./paths-scaffold";
import type { OpenApiDocument } from "./types";

export { apiTags } from "./operation";

// The operations of the JSON API, one per route handler under app/api/ and method it exports, by
// area in ./paths-*.ts; test/openapi.test.ts fails when one is missing here or has no handler.

/** The document's `paths`, in the document's order. */
export function apiPaths(): OpenApiDocument["paths"] {
  return {
    ...catalogPaths(),
    ...dashboardPaths(),
    ...eventPaths(),
    ...replayPaths(),
    ...scaffoldPaths(),
    ...teamPaths(),
    ...devPaths(),
  };
}
