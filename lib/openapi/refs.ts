// References into the document's `components`, and the JSON body that points at a schema.

type ComponentKind = "schemas" | "parameters" | "responses";

export const componentRef = (kind: ComponentKind, id: string) => ({ $ref: `#/components/${kind}/${id}` });

export const schemaRef = (id: string) => componentRef("schemas", id);

/** A `content` map for an `application/json` body of the component schema `id`. */
export const jsonContent = (id: string) => ({ "application/json": { schema: schemaRef(id) } });
