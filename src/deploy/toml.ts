// A small TOML writer for wrangler.toml: enough for what wrangler settings use (strings,
// numbers, booleans, arrays, nested tables), with keys in a stable order.
type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function key(k: string): string {
  return BARE_KEY.test(k) ? k : JSON.stringify(k);
}

function isTable(v: Value): v is { [k: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function inline(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v); // JSON escapes are valid TOML basic-string escapes
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`Cannot write ${v} to TOML`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.filter((x) => x != null).map(inline).join(", ")}]`;
  if (isTable(v)) {
    const parts = Object.entries(v).filter(([, x]) => x != null).map(([k, x]) => `${key(k)} = ${inline(x)}`);
    return parts.length ? `{ ${parts.join(", ")} }` : "{}";
  }
  throw new Error("Cannot write null to TOML");
}

/**
 * Scalars and arrays first (TOML requires them before any [table] header), then each nested
 * object as a [section]; arrays of objects become inline tables so order never matters.
 */
export function toToml(obj: { [k: string]: Value }, path: string[] = []): string {
  const lines: string[] = [];
  const tables: [string, { [k: string]: Value }][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v == null) continue;
    if (isTable(v)) tables.push([k, v]);
    else lines.push(`${key(k)} = ${inline(v)}`);
  }
  let out = lines.join("\n");
  for (const [k, v] of tables) {
    const p = [...path, k];
    const body = toToml(v, p);
    out += `${out ? "\n\n" : ""}[${p.map(key).join(".")}]\n${body}`;
  }
  return out;
}
