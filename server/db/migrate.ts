import "server-only";
import type { OpenDatabase } from "./adapter";
import { noFilters, readMigrations, readSchema, withSchemaEngine } from "./schema-engine";

/** Applies every pending migration in prisma/migrations; returns the names applied now. */
export async function applyMigrations(db: OpenDatabase): Promise<string[]> {
  return db.exclusive(() =>
    db.withMigrationFactory((factory) =>
      withSchemaEngine(factory, async (engine) => {
        const result = await engine.applyMigrations({ migrationsList: readMigrations(), filters: noFilters });
        return result.appliedMigrationNames;
      }),
    ),
  );
}

/**
 * The SQL that would take a database built from the migrations to the schema in
 * schema.prisma: empty when they agree (no drift). Uses the adapter's shadow database.
 */
export async function diffMigrationsToSchema(db: OpenDatabase): Promise<string> {
  return withSchemaEngine(db.factory, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations() },
      to: { tag: "schemaDatamodel", ...readSchema() },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (result.stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  });
}
