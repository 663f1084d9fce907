/**
 * Development bundles leave installed ES-module packages out and let Node load them.
 *
 * Why: Rollup re-analyses the whole module graph on every rebuild, cache or not. With hono,
 * zod and the AI SDK inside, that graph is ~250 modules and a rebuild takes seconds; with
 * only the app and the runtime in it, tens of milliseconds. The packages themselves do not
 * change while you edit, and Node loads them from node_modules as they were published.
 *
 * What stays bundled, so dev behaves like the production bundle:
 *  - the app and the runtime (`@mastra/core`, `mastra-deploy`: the build's own resolver)
 *  - CommonJS packages: the commonjs plugin gives them the same ESM shape as in `mastra build`
 *    (Node's own CJS interop detects named exports differently)
 *  - packages whose entry depends on the "module" condition or field, which Node ignores:
 *    importing that file while other packages import Node's choice would load two copies
 *  - JSON, and anything the build resolver already made external (native addons)
 *
 * Externals are imported by absolute path, so they resolve no matter where the bundle sits
 * (the runtime's own dependencies may live in the CLI's install, not the app's).
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { Plugin } from "rollup";
import { exportsBySubpath, pickExportTarget, readPackageJson, type PackageJson } from "../build/package-json.js";
import { runtimeSubpathFor } from "../build/runtime.js";
import { nodeBuiltin } from "../build/platforms.js";

const NODE_MODULES = `${sep}node_modules${sep}`;

function isBare(specifier: string): boolean {
  return !specifier.startsWith(".") && !specifier.startsWith("/") && !specifier.startsWith("\0") && !/^[a-z]+:/i.test(specifier);
}

/**
 * Is `rel` (a path relative to the package root, "./dist/index.js") a file Node's ESM loader
 * loads for some subpath of the package's "exports"? Decided by file, not by specifier, so
 * every import of one file gets the same answer (Rollup requires that of an external id).
 */
function isNodeExportsTarget(exportsField: unknown, rel: string): boolean {
  for (const value of Object.values(exportsBySubpath(exportsField))) {
    const target = pickExportTarget(value);
    if (!target) continue;
    const star = target.indexOf("*");
    if (star < 0) {
      if (target === rel) return true;
    } else if (rel.startsWith(target.slice(0, star)) && rel.endsWith(target.slice(star + 1))) {
      return true;
    }
  }
  return false;
}

/** Marks the resolution this plugin asks for to decide; see `withoutCommonjsProbeLoads`. */
const PROBE = "mastra-dev-externals-probe";

/**
 * The commonjs plugin answers a resolution by *loading* the module to see whether it is
 * CommonJS. For our probe that would put the very module we are about to make external into
 * the graph, which Rollup refuses. During a probe its resolver steps aside (node-resolve
 * answers alone). Its resolver is a separate plugin it adds in its `options` hook, so this
 * one must come after it in the plugin list.
 */
export function commonjsProbeGuard(): Plugin {
  return {
    name: "mastra-dev-commonjs-probe-guard",
    options(raw) {
      const plugins = (Array.isArray(raw.plugins) ? raw.plugins : [raw.plugins]).map((plugin) => {
        if (!plugin || typeof plugin !== "object" || !("name" in plugin) || plugin.name !== "commonjs--resolver" || !plugin.resolveId) return plugin;
        const hook = plugin.resolveId;
        const handler = typeof hook === "function" ? hook : hook.handler;
        const guarded: typeof handler = function (this: ThisParameterType<typeof handler>, source, importer, options) {
          if (options.custom?.[PROBE]) return null;
          return handler.call(this, source, importer, options);
        };
        return { ...plugin, resolveId: typeof hook === "function" ? guarded : { ...hook, handler: guarded } };
      });
      return { ...raw, plugins };
    },
  };
}

export function devExternals(): Plugin {
  // package.json lookups are per directory and never change during a session.
  const packageCache = new Map<string, { dir: string; pkg: PackageJson } | null>();
  const rootCache = new Map<string, PackageJson | null>();

  const nearestPackage = (file: string): { dir: string; pkg: PackageJson } | null => {
    const dir = dirname(file);
    const cached = packageCache.get(dir);
    if (cached !== undefined) return cached;
    let found: { dir: string; pkg: PackageJson } | null = null;
    if (existsSync(join(dir, "package.json"))) {
      const pkg = readPackageJson(dir);
      found = pkg ? { dir, pkg } : null;
    } else if (dirname(dir) !== dir) {
      found = nearestPackage(dir);
    }
    packageCache.set(dir, found);
    return found;
  };

  const readPackage = (dir: string): PackageJson | null => {
    const cached = rootCache.get(dir);
    if (cached !== undefined) return cached;
    const pkg = readPackageJson(dir) ?? null;
    rootCache.set(dir, pkg);
    return pkg;
  };

  /** node_modules/<name> or node_modules/@scope/<name>: where "exports" and "main" live. */
  const packageRoot = (file: string): string => {
    const at = file.lastIndexOf(NODE_MODULES) + NODE_MODULES.length;
    const parts = file.slice(at).split(sep);
    const name = parts[0]!.startsWith("@") ? parts.slice(0, 2).join(sep) : parts[0]!;
    return file.slice(0, at) + name;
  };

  const decisions = new Map<string, boolean>();
  const canLeaveToNode = (file: string): boolean => {
    let decision = decisions.get(file);
    if (decision === undefined) {
      decision = decide(file);
      decisions.set(file, decision);
    }
    return decision;
  };

  const decide = (file: string): boolean => {
    if (!file.includes(NODE_MODULES) || file.includes("?")) return false;
    // A nested package.json (dist/esm/package.json) may set "type" for its folder.
    const nearest = nearestPackage(file);
    if (!nearest) return false;
    const isEsm = file.endsWith(".mjs") || (file.endsWith(".js") && nearest.pkg.type === "module");
    if (!isEsm) return false;
    const rootDir = packageRoot(file);
    const root = readPackage(rootDir);
    if (root === null) return false;
    if (root.exports === undefined) return root.module === undefined;
    // Only when Node would load this very file: otherwise the bundle and the packages Node
    // loads could each get their own copy of it.
    const rel = `./${relative(rootDir, file).split(sep).join("/")}`;
    return isNodeExportsTarget(root.exports, rel);
  };

  return {
    name: "mastra-dev-externals",
    async resolveId(source, importer, options) {
      if (!importer || !isBare(source)) return null;
      if (source.startsWith("virtual:") || runtimeSubpathFor(source) !== undefined || nodeBuiltin(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true, custom: { ...options.custom, [PROBE]: true } });
      // Anything else goes through the normal chain again (the commonjs plugin then adds its proxies).
      if (!resolved || resolved.external || !canLeaveToNode(resolved.id)) return null;
      return { id: resolved.id, external: "absolute" };
    },
  };
}
