import type { z } from "zod";
import { ValidationError, type ValidationIssue } from "./errors.js";

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Parse `value` with `schema`, or throw a 400-mapped ValidationError naming every failing field. */
export async function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown, what: string): Promise<z.output<T>> {
  if (!schema) return value as z.output<T>;
  const result = await schema.safeParseAsync(value);
  if (!result.success) throw new ValidationError(what, issuesOf(result.error));
  return result.data;
}

/**
 * Check a value our own code produced (a tool's or step's output). A mismatch is a bug on the
 * server side, so it is a plain Error (500), not a 400 aimed at the client.
 */
export async function checkOutput<T extends z.ZodType>(schema: T | undefined, value: unknown, what: string): Promise<z.output<T>> {
  try {
    return await parseWith(schema, value, what);
  } catch (error) {
    throw error instanceof ValidationError ? new Error(error.message) : error;
  }
}
