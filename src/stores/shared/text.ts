/**
 * Free text (ids, titles, working memory) as SQL columns keep it. SQLite through libSQL's native
 * binding cuts a string at its first NUL and PostgreSQL refuses NUL in text, yet the contract
 * says any string is data. So NUL is written as `\0` and a backslash as `\\`: reversible, and a
 * no-op for every string without either. JSON columns need none of this (JSON escapes NUL).
 */
export function encodeText(value: string): string {
  return value.includes("\\") || value.includes("\u0000") ? value.replace(/\\/g, "\\\\").replace(/\u0000/g, "\\0") : value;
}

export function decodeText(value: unknown): string {
  const text = String(value);
  return text.includes("\\") ? text.replace(/\\([\\0])/g, (_, c: string) => (c === "0" ? "\u0000" : "\\")) : text;
}

/** encodeText for an optional value, as a nullable column. */
export function encodeOptional(value: string | undefined): string | null {
  return value === undefined ? null : encodeText(value);
}
