import type { Context } from "hono";
import type { z } from "zod";
import { HttpError, ValidationError, type ValidationIssue } from "../core/errors.js";
import { issuesOf, parseWith } from "../core/validate.js";

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

/**
 * The body parsed and validated: 400 for malformed JSON or failing fields, `{}` when empty.
 * Every built-in route reads its body here, so each also refuses a `requestContext` or
 * `runtimeContext` that is not a JSON object (the request context was seeded from it).
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const outcome = await parse(c);
  if ("error" in outcome) {
    if (outcome.error instanceof SyntaxError) throw new HttpError(400, `Malformed JSON in request body: ${outcome.error.message}`);
    throw outcome.error;
  }
  const contextIssues = requestContextIssues(outcome.value);
  if (contextIssues.length === 0) return parseWith(schema, outcome.value, "request body");
  const result = await schema.safeParseAsync(outcome.value);
  throw new ValidationError("request body", [...(result.success ? [] : issuesOf(result.error)), ...contextIssues]);
}

/** The body fields that seed the request context: `runtimeContext` is the older client's name. */
const REQUEST_CONTEXT_FIELDS = ["requestContext", "runtimeContext"] as const;

function requestContextIssues(body: unknown): ValidationIssue[] {
  if (!isRecord(body)) return [];
  const issues: ValidationIssue[] = [];
  for (const field of REQUEST_CONTEXT_FIELDS) {
    const value = body[field];
    if (value !== undefined && !isRecord(value)) issues.push({ path: field, message: `must be a JSON object (got ${kindOf(value)})` });
  }
  return issues;
}

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
