/**
 * Table names are the one part of a query that cannot be a parameter, so the configurable
 * prefix (and PostgreSQL schema name) is held to a plain identifier before it reaches any SQL.
 */
export const DEFAULT_TABLE_PREFIX = "mastra_";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

export function checkIdentifier(value: string, what: string): string {
  if (typeof value !== "string" || !IDENTIFIER.test(value)) {
    throw new TypeError(`${what} must be letters, digits and _ (starting with a letter or _, at most 41 characters); got ${JSON.stringify(value)}`);
  }
  return value;
}

export function tablePrefix(prefix: string | undefined): string {
  return prefix === undefined ? DEFAULT_TABLE_PREFIX : prefix === "" ? "" : checkIdentifier(prefix, "tablePrefix");
}
