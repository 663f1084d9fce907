import { z } from "zod";

// Schemas are fixed once the app is built, and converting one is costly (a sixth of the CPU of
// GET /api/agents when done per request), so each is converted once.
const cache = new WeakMap<z.ZodType, unknown>();

/** JSON Schema for a zod schema, for the describe routes and OpenAPI; computed on first use, not at startup. */
export function toJsonSchema(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  let json = cache.get(schema);
  if (json === undefined) {
    try {
      json = z.toJSONSchema(schema, { unrepresentable: "any" });
    } catch {
      json = {};
    }
    cache.set(schema, json);
  }
  return json;
}
