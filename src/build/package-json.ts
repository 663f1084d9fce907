/**
 * Reading package.json files and picking from their "exports": the one place build, deploy
 * and dev do it (the runtime package, third-party targets, native addons, dev externals, the
 * app's own name and version).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The fields this package reads; everything is optional because any package may omit it. */
export interface PackageJson {
  name?: string;
  version?: string;
  type?: string;
  main?: string;
  module?: unknown;
  exports?: unknown;
  gypfile?: boolean;
  binary?: unknown;
  dependencies?: Record<string, string>;
}

/** `dir`/package.json, or undefined when there is none or it is not JSON. */
export function readPackageJson(dir: string): PackageJson | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, "package.json"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const pkg: unknown = JSON.parse(text);
    return pkg && typeof pkg === "object" && !Array.isArray(pkg) ? (pkg as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The conditions Node's ESM loader matches in "exports" (Rollup's resolver adds "module"). */
const NODE_IMPORT_CONDITIONS = new Set(["node", "import", "default"]);

/**
 * Node's pick from an exports target for an ESM import: conditions in the map's own order,
 * first match wins, arrays tried in turn ("types" is not code and never matches). A build for
 * another platform passes its own conditions (a worker build's "workerd", "worker", …).
 */
export function pickExportTarget(target: unknown, conditions: ReadonlySet<string> = NODE_IMPORT_CONDITIONS): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const picked = pickExportTarget(t, conditions);
      if (picked) return picked;
    }
    return undefined;
  }
  if (target && typeof target === "object") {
    for (const [condition, value] of Object.entries(target as Record<string, unknown>)) {
      if (!conditions.has(condition)) continue;
      const picked = pickExportTarget(value, conditions);
      if (picked) return picked;
    }
  }
  return undefined;
}

/** "exports" as a map keyed by subpath: the sugar forms (a string, an array, bare conditions) are ".". */
export function exportsBySubpath(exportsField: unknown): Record<string, unknown> {
  if (exportsField === undefined || exportsField === null) return {};
  const sugar =
    typeof exportsField === "string" || Array.isArray(exportsField) || (typeof exportsField === "object" && !Object.keys(exportsField).some((k) => k.startsWith(".")));
  return sugar ? { ".": exportsField } : (exportsField as Record<string, unknown>);
}

/** The file (relative to the package folder) an ESM import of the package itself loads. */
export function packageMainEntry(pkg: PackageJson): string {
  const fromExports = pickExportTarget(exportsBySubpath(pkg.exports)["."]);
  if (fromExports) return fromExports;
  if (typeof pkg.module === "string") return pkg.module;
  return pkg.main ?? "index.js";
}
