// A target's settings, checked against the schemas it declares before anything is built.
import { DeployError } from "./errors.js";
import { kebab, type Target } from "./target.js";

/** A setting that is wrong is a wrong command line: exit 2, like an unknown flag. */
export function optionError(message: string): DeployError {
  return new DeployError(message, { exitCode: 2 });
}

function describeIssue(issues: readonly { message: string; path: readonly PropertyKey[] }[]): string {
  const issue = issues[0]!;
  const where = issue.path.length ? ` (at ${issue.path.map(String).join(".")})` : "";
  return `${issue.message}${where}`;
}

/**
 * The options `target` sees: each declared option parsed by its schema (defaults applied), or
 * the raw values as given when the target declares none. With `shared` (several targets in
 * one run) a key this target does not declare is left for the others instead of refused.
 */
export function parseTargetOptions(target: Target, raw: Record<string, unknown>, opts: { shared?: boolean } = {}): Record<string, unknown> {
  const declared = target.options;
  if (!declared) return { ...raw };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(declared, key) && !opts.shared) {
      const names = Object.keys(declared);
      throw optionError(`${target.name} has no option "${key}" (${names.length ? `it takes ${names.map((n) => `--${kebab(n)}`).join(", ")}` : "it takes none"})`);
    }
  }
  for (const [key, opt] of Object.entries(declared)) {
    const r = opt.schema.safeParse(raw[key]);
    if (!r.success) throw optionError(`${target.name} --${kebab(key)}: ${describeIssue(r.error.issues)}`);
    if (r.data !== undefined) out[key] = r.data;
  }
  return out;
}

/** Keys nobody in `targets` declares; targets without declared options take anything. */
export function unclaimedOptions(targets: Target[], raw: Record<string, unknown>): string[] {
  if (targets.some((t) => !t.options)) return [];
  return Object.keys(raw).filter((k) => !targets.some((t) => Object.hasOwn(t.options!, k)));
}
