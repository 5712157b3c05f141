import "server-only";

/** A selection the archive cannot run as given: the field and the rule, for a 400/422. */
export class ArchiveQueryError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
    this.name = "ArchiveQueryError";
  }
}

const DATA_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*){1,10}$/;

/** `$.order.id` → ["order", "id"]; anything but dotted identifiers is refused. */
export function dataPathSegments(path: string): string[] {
  if (!DATA_PATH.test(path))
    throw new ArchiveQueryError(
      "data.path",
      "must be $ followed by 1-10 .name segments (letters, digits, _)",
    );
  return path.slice(2).split(".");
}
