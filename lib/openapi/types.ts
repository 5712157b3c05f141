import type { z } from "zod";

// The shapes of the OpenAPI 3.1 document this folder builds; only what the document uses.

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/** A plain JSON object: a parameter, a response, a request body, a security scheme. */
export type JsonObject = Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
}

export type OpenApiMethod = "get" | "post" | "patch" | "put" | "delete";

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers?: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, JsonObject>;
    responses: Record<string, JsonObject>;
    securitySchemes: Record<string, JsonObject>;
  };
}
