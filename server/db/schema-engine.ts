import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { log as logger } from "@/server/observability/logger";

// Prisma's schema engine compiled to WebAssembly, driven over our driver adapters: it creates
// and applies standard prisma/migrations folders without the schema-engine binary (which cannot
// be downloaded on our machines; see README "Database").

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// The schema and migrations are read at run time from the working directory (the project root, or
// the standalone server's folder); the build must not trace the whole project because of it.
export const projectRoot = process.cwd();
export const schemaPath = path.join(/*turbopackIgnore: true*/ projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(/*turbopackIgnore: true*/ projectRoot, "prisma", "migrations");
export const noFilters = { externalTables: [], externalEnums: [] };

let loaded: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  loaded ??= (async () => {
    const require = createRequire(path.join(projectRoot, "package.json"));
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule;
    const wasmPath = path.join(path.dirname(jsPath), "schema_engine_bg.wasm");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmPath)), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return bg;
  })();
  return loaded;
}

export function readSchema() {
  return { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] };
}

export function readMigrations(dir = migrationsDir): MigrationList {
  const names = fs.existsSync(/*turbopackIgnore: true*/ dir)
    ? fs
        .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lock = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: "missing migration.sql" },
        },
      };
    }),
  };
}

/** Runs `run` with a schema engine bound to the given adapter factory, and frees it afterwards. */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const bg = await loadEngineModule();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (msg: string) => process.env.DEBUG_SCHEMA_ENGINE && logger.info(`schema-engine: ${msg}`);
  const engine = await bg.SchemaEngine.new(
    { datamodels: readSchema().files.map((f) => [f.path, f.content]) },
    log,
    bound,
  );
  try {
    return await run(engine);
  } catch (error) {
    throw explainEngineError(error, bound);
  } finally {
    engine.free();
  }
}

function explainEngineError(error: unknown, bound: ReturnType<typeof bindMigrationAwareSqlAdapterFactory>) {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id ? bound.errorRegistry.consumeError(Number(id))?.error : undefined;
  return new Error(`schema engine: ${message.split("\n").slice(0, 6).join("\n")}`, { cause });
}
