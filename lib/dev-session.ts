import { z } from "zod";

/** Body of `POST /api/dev/session` (embedded mode only). */
export const devSessionSwitch = z.strictObject({
  email: z.email({ message: "must be an email address" }).transform((e) => e.toLowerCase()),
});
