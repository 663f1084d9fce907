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
