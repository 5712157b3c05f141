import { defineConfig } from "prisma/config";

// The Prisma CLI is used only for `prisma generate` (see STACK notes in README):
// migrations are created and applied by scripts/db.ts through Prisma's WebAssembly schema engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
