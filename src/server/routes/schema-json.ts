import { z } from "zod";

/** JSON Schema for a zod schema, for the describe routes and OpenAPI; computed on request, not at startup. */
export function toJsonSchema(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any" });
  } catch {
    return {};
  }
}
