import { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import { MastraConfigError, type ConfigPath } from "./errors.js";

/**
 * A strictly checked options object. `shape` holds the options we implement — adding one is one
 * line there. `notYet` holds options Mastra accepts that we do not implement, each with what to
 * do instead: passing one is an error that says so, never a silent no-op. Any other key is an
 * error naming it, with the closest known option when one is close (a `sever:` typo must not
 * quietly drop the server's auth middleware).
 */
export function options<S extends z.ZodRawShape>(shape: S, notYet: Record<string, string> = {}, notAnObject = "must be an object") {
  const known = Object.keys(shape);
  const refused = Object.fromEntries(
    Object.entries(notYet).map(([key, instead]) => [key, z.never({ error: `is a Mastra option that mastra-deploy does not implement yet; ${instead}` }).optional()]),
  );
  return z.strictObject({ ...shape, ...refused } as S, {
    error: (issue) => (issue.code === "unrecognized_keys" ? unknownKey(String(issue.keys[0]), known) : notAnObject),
  });
}

/** Every option is accepted as any value: for configs whose values the constructor checks itself. */
export function keysOnly(keys: string[], notYet: Record<string, string> = {}) {
  return options(Object.fromEntries(keys.map((k) => [k, z.unknown().optional()])), notYet);
}

function unknownKey(key: string, known: string[]): string {
  const close = didYouMean(key, known);
  return close ? `is not an option — did you mean \`${close}\`?` : `is not an option (known: ${known.join(", ")})`;
}

/**
 * Check `value` against `schema` and throw one MastraConfigError for the most telling problem:
 * an unknown key first (a typo explains the rest), else the first failing field.
 * `prefix` is where `value` sits in the user's object (`["server"]`), `subject` what is being configured.
 */
export function checkOptions<T extends z.ZodType>(schema: T, value: unknown, where: { prefix?: ConfigPath; subject?: string } = {}): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = pickIssue(parsed.error.issues);
  const inner: ConfigPath = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  const path = [...(where.prefix ?? []), ...inner, ...(issue.code === "unrecognized_keys" ? [String(issue.keys[0])] : [])];
  const reason = issue.code === "unrecognized_keys" || issue.code === "invalid_type" && issue.expected === "never" ? issue.message : describe(issue.message, inner, value);
  throw new MastraConfigError(fieldName(path), reason, { path, subject: where.subject });
}

/**
 * For `false | { … }` or `fn | { handler, path }`, an object with a typo fails every branch; the
 * branch that took the value's type has the telling issue (the unknown key), so report that one.
 */
function pickIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
  if (issue.code !== "invalid_union") return issue;
  const typed = issue.errors.find((branch) => !branch.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "custom")));
  if (!typed || typed.length === 0) return issue;
  const inner = pickIssue(typed);
  return { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue;
}

export function fieldName(path: ConfigPath): string {
  if (path.length === 0) return "config";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function describe(message: string, path: ConfigPath, root: unknown): string {
  const value = path.reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as any)[key] : undefined), root);
  const got = value === undefined ? "missing" : typeof value === "function" ? "a function" : safeJson(value);
  return `${message} (got ${got})`;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}
