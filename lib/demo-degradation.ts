import { z } from "zod";
import { regionName, serviceName } from "./catalog";

// POST /api/demo/degradation (embedded mode only): make one region of a demo service degrade now.

export const demoDegradationRequest = z.strictObject({
  service: serviceName,
  region: regionName,
  minutes: z
    .number({ message: "must be a number of minutes" })
    .int({ message: "must be a whole number of minutes" })
    .min(1, { message: "must be at least 1" })
    .max(240, { message: "must be at most 240" })
    .default(20),
});
export type DemoDegradationRequest = z.infer<typeof demoDegradationRequest>;

/** A window in which one region of a demo service fails more and answers slower. */
export interface DemoDegradation {
  service: string;
  region: string;
  from: string;
  until: string;
  cause: "scheduled" | "forced";
}
