/**
 * The output's package-lock.json, cut from the app's: the externals and exactly what npm would
 * install for them, at the versions, tarballs and integrity hashes the app locked. With it the
 * Docker image runs `npm ci` and gets the same tree every day, instead of whatever the registry
 * resolves `npm install` to.
 *
 * Why walk the lockfile, not the installed folders: npm installs only this machine's prebuilt
 * binary, but the lockfile lists every platform's (`@libsql/linux-arm64-musl`, …), and the image
 * may be another OS/CPU or libc: `npm ci` there needs its entry. Entries keep the app's paths, so
 * hoisting and nesting stay what npm resolved; dev/optional flags are recomputed for the output,
 * where everything is a production dependency (`npm ci` reads them as written and `--omit=dev`
 * would drop a package the app had as a devDependency).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { ExternalDependency } from "./context.js";

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/** The fields an output entry keeps; the rest (dev, peer, extraneous, …) describe the app's tree. */
const KEPT = ["version", "resolved", "integrity", "license", "dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bin", "engines", "os", "cpu", "libc", "hasInstallScript", "inBundle"];

/** The nearest package-lock.json (or npm-shrinkwrap.json) at or above `root`, lockfile v2/v3 only. */
function findLockfile(root: string): { dir: string; packages: Record<string, LockEntry> } | undefined {
  for (let dir = root; ; ) {
    for (const file of ["npm-shrinkwrap.json", "package-lock.json"]) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      try {
        const lock = JSON.parse(readFileSync(path, "utf8")) as { packages?: Record<string, LockEntry> };
        return lock.packages ? { dir, packages: lock.packages } : undefined;
      } catch {
        return undefined;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Node's lookup inside the lockfile: `name` from the package at `from`, or any folder above it. */
function lockLookup(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let dir = from; ; ) {
    const key = `${dir}/node_modules/${name}`;
    if (packages[key]) return key;
    const up = dir.lastIndexOf("/node_modules/");
    if (up < 0) break;
    dir = dir.slice(0, up);
  }
  const top = `node_modules/${name}`;
  return packages[top] ? top : undefined;
}

export type OutputLockfile = { text: string } | { skipped: string } | undefined;

/**
 * The output lockfile for `pkgJsonDeps` (the output package.json's dependencies), or why there is
 * none (a warning: the image then falls back to `npm install`), or undefined when the app has no
 * npm lockfile at all.
 */
export function outputLockfile(root: string, identity: { name: string; version: string }, externals: ExternalDependency[], externalRoots: Map<string, string>): OutputLockfile {
  const lock = findLockfile(root);
  if (!lock) return undefined;
  const { packages } = lock;
  const roots: string[] = [];
  for (const e of externals) {
    const dir = externalRoots.get(e.name);
    const key = dir && relative(lock.dir, realpathSync(dir)).split(sep).join("/");
    const entry = key ? packages[key] : undefined;
    if (!key || key !== `node_modules/${e.name}` || !entry) return { skipped: `${e.name} is not a top-level package of ${join(lock.dir, "package-lock.json")}` };
    if (entry.version !== e.version) return { skipped: `${e.name} ${e.version} is installed but package-lock.json locks ${entry.version ?? "no version"} (run npm install)` };
    roots.push(key);
  }

  const edges = (key: string, withOptional: boolean): string[] => {
    const e = packages[key]!;
    const meta = e.peerDependenciesMeta ?? {};
    const names = [...Object.keys(e.dependencies ?? {}), ...Object.keys(e.peerDependencies ?? {}).filter((n) => !meta[n]?.optional), ...(withOptional ? Object.keys(e.optionalDependencies ?? {}) : [])];
    return names.flatMap((n) => {
      const found = lockLookup(packages, key, n);
      return found ? [found] : [];
    });
  };
  const walk = (withOptional: boolean): Set<string> => {
    const seen = new Set<string>(roots);
    const queue = [...roots];
    while (queue.length) for (const next of edges(queue.shift()!, withOptional)) if (!seen.has(next) && seen.add(next)) queue.push(next);
    return seen;
  };
  const all = walk(true);
  // calcDepFlags' meaning: optional when every path from the root goes through an optional edge.
  const required = walk(false);

  const out: Record<string, unknown> = { "": { name: identity.name, version: identity.version, dependencies: Object.fromEntries(externals.map((e) => [e.name, e.version])) } };
  for (const key of [...all].sort()) {
    const e = packages[key]!;
    if (e.link || !e.version) return { skipped: `${key} in package-lock.json is a link or local folder, which the output cannot install` };
    const kept: Record<string, unknown> = {};
    for (const field of KEPT) if (e[field] !== undefined) kept[field] = e[field];
    if (!required.has(key)) kept.optional = true;
    out[key] = kept;
  }
  return { text: `${JSON.stringify({ name: identity.name, version: identity.version, lockfileVersion: 3, requires: true, packages: out }, null, 2)}\n` };
}
