import type { Context } from "hono";
import type { z } from "zod";
import { HttpError } from "../core/errors.js";
import { parseWith } from "../core/validate.js";

const parsedBodies = new WeakMap<Request, { value: unknown } | { error: Error }>();

function hasJsonBody(c: Context): boolean {
  const method = c.req.method;
  return (method === "POST" || method === "PUT" || method === "PATCH") && (c.req.header("content-type")?.includes("json") ?? false);
}

/**
 * Parse the request body once per request. Reading it as text keeps Hono's body cache usable,
 * so a custom route can still call `c.req.json()` or `c.req.text()` afterwards.
 */
async function parse(c: Context): Promise<{ value: unknown } | { error: Error }> {
  const cached = parsedBodies.get(c.req.raw);
  if (cached) return cached;
  let outcome: { value: unknown } | { error: Error };
  try {
    const text = await c.req.text();
    outcome = { value: text.trim() === "" ? {} : JSON.parse(text) };
  } catch (error) {
    outcome = { error: error as Error };
  }
  parsedBodies.set(c.req.raw, outcome);
  return outcome;
}

/** The JSON body if there is one and it parses; never throws (for seeding the request context). */
export async function peekJsonBody(c: Context): Promise<unknown> {
  if (!hasJsonBody(c)) return undefined;
  const outcome = await parse(c);
  return "value" in outcome ? outcome.value : undefined;
}

/** The body parsed and validated: 400 for malformed JSON or failing fields, `{}` when empty. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const outcome = await parse(c);
  if ("error" in outcome) {
    if (outcome.error instanceof SyntaxError) throw new HttpError(400, `Malformed JSON in request body: ${outcome.error.message}`);
    throw outcome.error;
  }
  return parseWith(schema, outcome.value, "request body");
}
